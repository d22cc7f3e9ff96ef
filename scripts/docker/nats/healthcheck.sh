#!/bin/sh
# Ready when the server and JetStream answer.
curl -fsS -o /dev/null --max-time 2 "http://127.0.0.1:${NATS_MONITOR_PORT:-8222}/healthz?js-enabled-only=true"
