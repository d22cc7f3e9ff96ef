#!/bin/bash
# Trains the JDK's AOT cache (JEP 514/515) into /deployments/app.aot while the image is built (root Dockerfile): the
# service starts once, with its brokers pointed at a closed port (nothing on the build's network is joined), and is
# stopped as soon as its management port answers; the JVM writes the classes it loaded and linked, and the methods'
# profiles, as it exits. It halves a service's CPU to ready (README "Start-up and memory"). The options are the
# image's own, with -XX:MaxRAM standing in for compose's 384m limit, so that the heap and GC match the runs that use it.
set -u
port=9999
QUARKUS_REDIS_HOSTS=redis://127.0.0.1:1 NEST_NATS_URL=nats://127.0.0.1:1 NEST_MQTT_PORT=1 NEST_RABBITMQ_PORT=1 \
  NEST_KAFKA_BOOTSTRAP_SERVERS=127.0.0.1:1 QUARKUS_MANAGEMENT_PORT=$port \
  java $JAVA_OPTS -XX:MaxRAM=384m -XX:AOTCacheOutput=/deployments/app.aot -Dnest.security.refuse-development-secrets=false \
  -jar /deployments/quarkus-run.jar >/tmp/aot-training.log 2>&1 &
pid=$!
for ((i = 0; i < 1200; i++)); do
  (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && break
  kill -0 "$pid" 2>/dev/null || break
  sleep 0.1
done
kill "$pid" 2>/dev/null
wait "$pid"
[[ -s /deployments/app.aot ]] || { echo "aot-train: no cache made" >&2; cat /tmp/aot-training.log >&2; exit 1; }
rm -f /tmp/aot-training.log
