#!/bin/sh
# With BROKER_ADMIN_PASSWORD set, the users and permissions of scripts/access/nats.conf (nats-server reads their
# passwords from the environment itself).
set -eu
auth=""
if access on; then
  # an include is relative to the including file
  cp /etc/nats/access.conf /tmp/access.conf
  auth='include "access.conf"'
fi
cat >/tmp/nats.conf <<CONF
host: "${NATS_BIND:-0.0.0.0}"
port: ${NATS_PORT:-4222}
http: "${NATS_BIND:-0.0.0.0}:${NATS_MONITOR_PORT:-8222}"
jetstream {
  store_dir: "/data"
}
$auth
CONF
exec nats-server -c /tmp/nats.conf "$@"
