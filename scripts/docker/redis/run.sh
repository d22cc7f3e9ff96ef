#!/bin/sh
# maxmemory with noeviction: a full Redis refuses writes (the caller gets a retryable error) instead of evicting
# orders, reservations or payments it has acknowledged; services' readiness goes DOWN before that point
# (nest.redis.memory-pressure). REDIS_MAXMEMORY: keep it below the container's memory limit.
# With BROKER_ADMIN_PASSWORD set, the ACL users of scripts/access/redis.acl (one per service) and no default user.
set -eu
if access on; then
  access render /etc/redis/access.acl >/tmp/users.conf
  set -- --include /tmp/users.conf "$@"
fi
exec redis-server --bind "${REDIS_BIND:-0.0.0.0}" --port "${REDIS_PORT:-6379}" --protected-mode no \
  --appendonly yes --appendfsync everysec --dir /data --logfile "" \
  --maxmemory "${REDIS_MAXMEMORY:-96mb}" --maxmemory-policy noeviction "$@"
