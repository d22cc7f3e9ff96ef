#!/bin/bash
# Writes server.properties from the project's defaults plus KAFKA_CFG_* overrides, formats the storage once,
# and runs the broker in the foreground.
# With BROKER_ADMIN_PASSWORD, least privilege (issue #13): the client listener speaks SASL_PLAINTEXT with
# SCRAM-SHA-512, the storage is formatted with the users admin (a super user) and one per service
# (<SERVICE>_BROKER_PASSWORD, below), the authorizer refuses what no ACL allows, and the ACLs of kafka.acls
# (scripts/access) go in once the broker listens; the health check says healthy only after that.
# KAFKA_HOME (libs/, config/) and KAFKA_STATE_DIR default to the image's folders; a test points them elsewhere.
set -euo pipefail
home=${KAFKA_HOME:-/opt/kafka}
state=${KAFKA_STATE_DIR:-/var/lib/kafka}
conf=$state/server.properties
# healthcheck: with users, not healthy before the ACLs are in (set before anything else, or it could be early)
rm -f "$state/acls.pending"
[[ -z ${BROKER_ADMIN_PASSWORD:-} ]] || touch "$state/acls.pending"
sed "s#@DATA@#$state/data#" "$home/config/server.properties" >"$conf"
# The container defaults: listen on every interface, advertise the service name "kafka".
: "${KAFKA_CFG_LISTENERS:=PLAINTEXT://0.0.0.0:9092,CONTROLLER://127.0.0.1:9093}"
: "${KAFKA_CFG_ADVERTISED_LISTENERS:=PLAINTEXT://kafka:9092}"
export KAFKA_CFG_LISTENERS KAFKA_CFG_ADVERTISED_LISTENERS

put() { # key value: sets one server property, replacing the default
  grep -v "^${1//./\\.}=" "$conf" >"$conf.new" || true
  printf '%s=%s\n' "$1" "$2" >>"$conf.new"; mv "$conf.new" "$conf"
}
while IFS='=' read -r name value; do
  put "$(tr '[:upper:]_' '[:lower:].' <<<"${name#KAFKA_CFG_}")" "$value"
done < <(env | grep '^KAFKA_CFG_' || true)
get() { sed -n "s/^${1//./\\.}=//p" "$conf"; }

# The service users: every principal kafka.acls names but admin (so ./dev new-service's user comes with its rules),
# each with the variable of its password: user:USER_BROKER_PASSWORD.
users=()
for user in $(sed 's/#.*//' "$home/config/kafka.acls" | grep -o 'User:[a-z0-9-]*' | sed 's/^User://' | sort -u); do
  [[ $user == admin ]] || users+=("$user:$(tr 'a-z-' 'A-Z_' <<<"$user")_BROKER_PASSWORD")
done
secure=${BROKER_ADMIN_PASSWORD:+yes}
format=()
if [[ $secure ]]; then
  password_ok() { # StorageTool's --add-scram splits on ',' and ']'; quotes and backslashes would need escaping twice
    LC_ALL=C; [[ -n $1 && $1 != *[^[:graph:]]* && $1 != *[],\[\"\\]* ]]
  }
  password_ok "$BROKER_ADMIN_PASSWORD" || { echo "run: BROKER_ADMIN_PASSWORD: printable ASCII without spaces, quotes, backslashes, commas or brackets" >&2; exit 1; }
  format+=(--add-scram "SCRAM-SHA-512=[name=admin,password=$BROKER_ADMIN_PASSWORD]")
  for user in "${users[@]}"; do
    var=${user#*:} password=${!var:-}
    if [[ -z $password ]]; then
      [[ -f $state/data/meta.properties ]] || echo "run: $var is not set: ${user%%:*} gets no Kafka user" >&2
    else
      password_ok "$password" || { echo "run: $var: printable ASCII without spaces, quotes, backslashes, commas or brackets" >&2; exit 1; }
      format+=(--add-scram "SCRAM-SHA-512=[name=${user%%:*},password=$password]")
    fi
  done
  # The client listener keeps its place in KAFKA_CFG_LISTENERS (CI moves it) and changes its protocol.
  put listeners "$(get listeners | sed -E 's#(^|,)PLAINTEXT://#\1SASL_PLAINTEXT://#g')"
  put advertised.listeners "$(get advertised.listeners | sed -E 's#(^|,)PLAINTEXT://#\1SASL_PLAINTEXT://#g')"
  # The controller listener too: the broker registers with the controller as admin (SCRAM cannot serve the
  # controller, whose users live in the metadata it serves; PLAIN with the one user admin can).
  put listener.security.protocol.map SASL_PLAINTEXT:SASL_PLAINTEXT,CONTROLLER:SASL_PLAINTEXT
  put inter.broker.listener.name SASL_PLAINTEXT
  put sasl.enabled.mechanisms SCRAM-SHA-512
  put sasl.mechanism.inter.broker.protocol SCRAM-SHA-512
  put listener.name.sasl_plaintext.scram-sha-512.sasl.jaas.config \
    "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"admin\" password=\"$BROKER_ADMIN_PASSWORD\";"
  put listener.name.controller.sasl.enabled.mechanisms PLAIN
  put sasl.mechanism.controller.protocol PLAIN
  put listener.name.controller.plain.sasl.jaas.config \
    "org.apache.kafka.common.security.plain.PlainLoginModule required username=\"admin\" password=\"$BROKER_ADMIN_PASSWORD\" user_admin=\"$BROKER_ADMIN_PASSWORD\";"
  put authorizer.class.name org.apache.kafka.metadata.authorizer.StandardAuthorizer
  put allow.everyone.if.no.acl.found false
  put super.users User:admin
  (umask 077 && printf '%s\n' security.protocol=SASL_PLAINTEXT sasl.mechanism=SCRAM-SHA-512 \
    "sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required username=\"admin\" password=\"$BROKER_ADMIN_PASSWORD\";" \
    >"$state/admin.properties")
fi
chmod 600 "$conf" # it holds the admin's password in secure mode

# Users are formatted in with the storage, once: a password changed later needs kafka-configs (or a new volume).
users_marker=$state/data/.nest-scram-users
if [[ ! -f $state/data/meta.properties ]]; then
  java -cp "$home/libs/*" kafka.tools.StorageTool format -t "${KAFKA_CLUSTER_ID:-03vNcn6YRTimRx-yY7l8EA}" -c "$conf" "${format[@]}"
  [[ ! $secure ]] || touch "$users_marker"
elif [[ $secure && ! -f $users_marker ]]; then
  # without the user admin nobody could log in, nor apply the ACLs: say so rather than restart for ever
  echo "run: $state/data was formatted without users (before BROKER_ADMIN_PASSWORD was set): remove the volume" \
    "(docker compose down -v, or docker volume rm <project>_kafka-data) so it is formatted with them" >&2
  exit 1
fi
# shellcheck disable=SC2086 # KAFKA_HEAP_OPTS holds several options
broker=(java ${KAFKA_HEAP_OPTS:--Xms256m -Xmx512m} -XX:+UseSerialGC -XX:+ExitOnOutOfMemoryError
  -Dlog4j2.configurationFile="$home/config/log4j2.properties" -cp "$home/libs/*" kafka.Kafka "$conf")
if [[ ! $secure ]]; then
  exec "${broker[@]}"
fi

# Secure: the broker in the background, this shell applies the ACLs, then waits for it and hands on signals.
"${broker[@]}" &
pid=$!
trap 'kill -TERM "$pid" 2>/dev/null' TERM INT
client=$(get listeners | tr ',' '\n' | sed -n 's#^SASL_PLAINTEXT://##p' | head -1)
host=${client%:*}
[[ -z $host || $host == 0.0.0.0 || $host == "[::]" ]] && host=127.0.0.1
if KAFKA_HOME=$home "$(dirname "$0")/apply-acls.sh" "$home/config/kafka.acls" "$host:${client##*:}" "$state/admin.properties"; then
  rm -f "$state/acls.pending"
else
  echo "run: the ACLs are not in; stopping the broker" >&2
  kill -TERM "$pid" 2>/dev/null || true
fi
status=0
while kill -0 "$pid" 2>/dev/null; do
  status=0
  wait "$pid" || status=$? # a signal interrupts the wait: wait again, for the broker's own status
done
exit "$status"
