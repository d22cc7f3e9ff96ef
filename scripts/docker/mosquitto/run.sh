#!/bin/sh
set -eu
cat >/tmp/mosquitto.conf <<CONF
listener ${MQTT_PORT:-1883} ${MQTT_BIND:-0.0.0.0}
allow_anonymous true
persistence true
persistence_location /mosquitto/data/
log_dest stdout
CONF
exec mosquitto -c /tmp/mosquitto.conf "$@"
