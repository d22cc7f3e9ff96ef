#!/bin/sh
set -eu
: "${RABBITMQ_DEFAULT_USER:?set RABBITMQ_DEFAULT_USER}" "${RABBITMQ_DEFAULT_PASS:?set RABBITMQ_DEFAULT_PASS}"
bind="${RABBITMQ_BIND:-0.0.0.0}"
port="${RABBITMQ_PORT:-5672}"
export RABBITMQ_DIST_PORT="${RABBITMQ_DIST_PORT:-$((port + 20000))}"
export RABBITMQ_MNESIA_BASE=/var/lib/rabbitmq/mnesia
export RABBITMQ_CONFIG_FILE=/tmp/rabbitmq
{
  echo "listeners.tcp.1 = $bind:$port"
  echo "default_user = $RABBITMQ_DEFAULT_USER"
  echo "default_pass = $RABBITMQ_DEFAULT_PASS"
  # Clients come from other containers or pods, so the default user may log in from anywhere.
  echo "loopback_users = none"
  # RabbitMQ does not see a container's memory limit: tell it, so flow control starts before the OOM killer.
  for f in /sys/fs/cgroup/memory.max /sys/fs/cgroup/memory/memory.limit_in_bytes; do
    [ -r "$f" ] || continue
    limit=$(cat "$f")
    case "$limit" in ''|max|*[!0-9]*) ;; *) [ "$limit" -lt 68719476736 ] && echo "total_memory_available_override_value = $limit" ;; esac
    break
  done
} >/tmp/rabbitmq.conf
if [ "$bind" = 127.0.0.1 ]; then
  # Keep Erlang distribution and epmd on loopback too.
  export ERL_EPMD_ADDRESS=127.0.0.1
  export RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS="-kernel inet_dist_use_interface {127,0,0,1}"
fi
exec /usr/lib/rabbitmq/bin/rabbitmq-server "$@"
