#!/bin/sh
# With BROKER_ADMIN_PASSWORD set, no anonymous clients: the users of scripts/access/mosquitto.acl, their passwords from
# the environment, and that file's topic rules.
set -eu
auth="allow_anonymous true"
if access on; then
  : >/tmp/passwd
  chmod 600 /tmp/passwd
  for user in $(sed -n 's/^user //p' /etc/mosquitto/access.acl); do
    mosquitto_passwd -b /tmp/passwd "$user" "$(access password "$user")"
  done
  auth="allow_anonymous false
password_file /tmp/passwd
acl_file /etc/mosquitto/access.acl"
fi
cat >/tmp/mosquitto.conf <<CONF
listener ${MQTT_PORT:-1883} ${MQTT_BIND:-0.0.0.0}
$auth
persistence true
persistence_location /mosquitto/data/
log_dest stdout
CONF
exec mosquitto -c /tmp/mosquitto.conf "$@"
