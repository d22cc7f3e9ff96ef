# Stand-in for the official rabbitmq:4.1 image (Debian's RabbitMQ 3.10: rabbitmq-server and rabbitmqctl on the PATH,
# user rabbitmq 999:999 with its home /var/lib/rabbitmq). Only for a machine with no image registry; see ../stand-ins.sh.
FROM local/debian-jre:bookworm
RUN groupadd --system --gid 999 rabbitmq \
 && useradd --system --uid 999 --gid rabbitmq --home-dir /var/lib/rabbitmq --no-create-home --shell /usr/sbin/nologin rabbitmq \
 && apt-get update && apt-get install -y --no-install-recommends rabbitmq-server \
 && rm -rf /var/lib/apt/lists/* && mkdir -p /var/lib/rabbitmq && chown -R rabbitmq:rabbitmq /var/lib/rabbitmq /etc/rabbitmq
# Debian's /usr/sbin wrappers switch user with su; the official image's commands run as the caller, like these.
ENV PATH=/usr/lib/rabbitmq/bin:$PATH HOME=/var/lib/rabbitmq
CMD ["rabbitmq-server"]
