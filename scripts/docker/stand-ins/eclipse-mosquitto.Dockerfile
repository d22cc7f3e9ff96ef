# Stand-in for the official eclipse-mosquitto:2 image (Debian's Mosquitto and its clients, user mosquitto
# 1883:1883, /mosquitto/{config,data,log}). Only for a machine with no image registry; see ../stand-ins.sh.
FROM local/debian-jre:bookworm
RUN groupadd --system --gid 1883 mosquitto \
 && useradd --system --uid 1883 --gid mosquitto --home-dir /var/empty --no-create-home --shell /usr/sbin/nologin mosquitto \
 && apt-get update && apt-get install -y --no-install-recommends mosquitto mosquitto-clients \
 && rm -rf /var/lib/apt/lists/* && mkdir -p /mosquitto/config /mosquitto/data /mosquitto/log \
 && chown -R mosquitto:mosquitto /mosquitto
CMD ["mosquitto", "-c", "/mosquitto/config/mosquitto.conf"]
