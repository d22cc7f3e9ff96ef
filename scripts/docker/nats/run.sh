#!/bin/sh
set -eu
cat >/tmp/nats.conf <<CONF
host: "${NATS_BIND:-0.0.0.0}"
port: ${NATS_PORT:-4222}
http: "${NATS_BIND:-0.0.0.0}:${NATS_MONITOR_PORT:-8222}"
jetstream {
  store_dir: "/data"
}
CONF
exec nats-server -c /tmp/nats.conf "$@"
