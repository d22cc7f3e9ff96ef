#!/bin/sh
# With BROKER_ADMIN_PASSWORD set: the operators' user admin is the node's default user, and once the node runs, the
# users and permissions of scripts/access/rabbitmq.users (one per service) are put in place (again on every start,
# so a changed password or rule takes effect); the health check waits for that. Without it, the one user
# RABBITMQ_DEFAULT_USER / RABBITMQ_DEFAULT_PASS.
set -eu
if access on; then
  RABBITMQ_DEFAULT_USER=admin
  RABBITMQ_DEFAULT_PASS="$BROKER_ADMIN_PASSWORD"
fi
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
rm -f /tmp/access-applied
if ! access on; then
  exec rabbitmq-server "$@"
fi
rabbitmq-server "$@" &
node=$!
trap 'kill -TERM "$node"; wait "$node"' TERM INT
# stdin from /dev/null: rabbitmqctl would otherwise eat the rest of the policy the loop below reads
ctl() { rabbitmqctl -q "$@" </dev/null; }
# the node must first be up far enough to be asked
tries=0
until ctl await_startup --timeout 120 2>/dev/null; do
  tries=$((tries + 1)); [ "$tries" -lt 60 ] || { echo "rabbitmq: the node did not start" >&2; exit 1; }
  sleep 2
done
grep -v '^#' /etc/rabbitmq/access.users | while read -r user configure write read; do
  [ -n "$user" ] || continue
  password=$(access password "$user")
  ctl add_user "$user" "$password" 2>/dev/null || ctl change_password "$user" "$password"
  ctl set_permissions -p / "$user" "$configure" "$write" "$read"
done
# a volume from a run without credentials may still hold its users
for old in guest nest; do ctl delete_user "$old" 2>/dev/null || true; done
touch /tmp/access-applied
echo "rabbitmq: the users of access.users are in place"
wait "$node"
