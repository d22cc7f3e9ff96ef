#!/bin/sh
# Ready when the server and JetStream answer (wget: the official Alpine image has busybox's, not curl).
exec wget -q -T 2 -O /dev/null "http://127.0.0.1:${NATS_MONITOR_PORT:-8222}/healthz?js-enabled-only=true"
