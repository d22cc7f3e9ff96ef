#!/bin/sh
# Ready when a client can subscribe and gets the broker's retained uptime.
if access on; then
  set -- -u admin -P "$BROKER_ADMIN_PASSWORD"
fi
mosquitto_sub -h 127.0.0.1 -p "${MQTT_PORT:-1883}" "$@" -t '$SYS/broker/uptime' -C 1 -W 3 >/dev/null
