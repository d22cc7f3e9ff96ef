# Stand-in for the official redis:7.4 image (Debian's Redis under its name, user and paths: redis-server on the PATH,
# user redis 999:999, /data). Only for a machine with no image registry; see ../stand-ins.sh.
FROM local/debian-jre:bookworm
RUN groupadd --system --gid 999 redis \
 && useradd --system --uid 999 --gid redis --home-dir /data --no-create-home --shell /usr/sbin/nologin redis \
 && apt-get update && apt-get install -y --no-install-recommends redis-server redis-tools \
 && rm -rf /var/lib/apt/lists/* && mkdir -p /data && chown redis:redis /data
WORKDIR /data
CMD ["redis-server"]
