# Stand-in for the official nats:2.11-alpine image (Debian's nats-server on the PATH, a shell, busybox-like wget).
# Only for a machine with no image registry; see ../stand-ins.sh.
FROM local/debian-jre:bookworm
RUN apt-get update && apt-get install -y --no-install-recommends nats-server wget && rm -rf /var/lib/apt/lists/*
CMD ["nats-server"]
