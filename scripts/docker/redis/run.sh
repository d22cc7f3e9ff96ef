#!/bin/sh
set -eu
exec redis-server --bind "${REDIS_BIND:-0.0.0.0}" --port "${REDIS_PORT:-6379}" --protected-mode no \
  --appendonly yes --appendfsync everysec --dir /data --logfile "" "$@"
