#!/bin/sh
if access on; then
  [ "$(REDISCLI_AUTH="$BROKER_ADMIN_PASSWORD" redis-cli --user admin -h 127.0.0.1 -p "${REDIS_PORT:-6379}" ping 2>/dev/null)" = PONG ]
else
  [ "$(redis-cli -h 127.0.0.1 -p "${REDIS_PORT:-6379}" ping 2>/dev/null)" = PONG ]
fi
