#!/bin/bash
# Writes server.properties from the project's defaults plus KAFKA_CFG_* overrides, formats the storage once,
# and runs the broker in the foreground.
set -euo pipefail
conf=/var/lib/kafka/server.properties
sed 's#@DATA@#/var/lib/kafka/data#' /opt/kafka/config/server.properties >"$conf"
# The container defaults: listen on every interface, advertise the service name "kafka".
: "${KAFKA_CFG_LISTENERS:=PLAINTEXT://0.0.0.0:9092,CONTROLLER://127.0.0.1:9093}"
: "${KAFKA_CFG_ADVERTISED_LISTENERS:=PLAINTEXT://kafka:9092}"
export KAFKA_CFG_LISTENERS KAFKA_CFG_ADVERTISED_LISTENERS
while IFS='=' read -r name value; do
  key=$(tr '[:upper:]_' '[:lower:].' <<<"${name#KAFKA_CFG_}")
  grep -v "^${key//./\\.}=" "$conf" >"$conf.new" || true
  printf '%s=%s\n' "$key" "$value" >>"$conf.new"; mv "$conf.new" "$conf"
done < <(env | grep '^KAFKA_CFG_' || true)
if [[ ! -f /var/lib/kafka/data/meta.properties ]]; then
  java -cp '/opt/kafka/libs/*' kafka.tools.StorageTool format -t "${KAFKA_CLUSTER_ID:-03vNcn6YRTimRx-yY7l8EA}" -c "$conf"
fi
# shellcheck disable=SC2086 # KAFKA_HEAP_OPTS holds several options
exec java ${KAFKA_HEAP_OPTS:--Xms256m -Xmx512m} -XX:+UseSerialGC -XX:+ExitOnOutOfMemoryError \
  -Dlog4j2.configurationFile=/opt/kafka/config/log4j2.properties -cp '/opt/kafka/libs/*' kafka.Kafka "$conf"
