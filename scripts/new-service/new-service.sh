#!/usr/bin/env bash
# ./dev new-service NAME [--transport tcp|nats|rmq|kafka|redis|mqtt]: a new service module from template/, serving
# {cmd:'ping'} on that transport (default tcp), wired in everywhere a service must be.
#
# template/ mirrors the repository: every file under it is copied to the same path; blocks/ holds pieces that go into
# files that exist already (docker-compose.yml, the broker's policy in scripts/access). In both, these placeholders
# are replaced, in the path and in the text:
#   __SERVICE__          the name, e.g. demo-service            __PACKAGE__  its Java package part: demo
#   __CLASS__            its class-name prefix: Demo            __HTTP_PORT__, __MANAGEMENT_PORT__, __TCP_PORT__
#   __TRANSPORT__        the transport, as --transport names it: nats     __NEST_TRANSPORT__  as Nest's Transport enum: NATS
#   __SECRET__           its broker password's variable: DEMO_SERVICE_BROKER_PASSWORD (./dev secrets, k8s's Secret)
#   __QUEUE__            its RabbitMQ queue: demo_queue         __BROKER__  the broker's compose and k8s name: rabbitmq
#   __USER_KEY__, __PASSWORD_KEY__, __ENV_ANCHOR__: its login keys (NEST_NATS_USERNAME, ...) and compose's address anchor
# and the lines between "#@if WORD..." and "#@end" (or //@if, //@end in Java) are kept only when a WORD is the
# transport, or "broker" for any transport but tcp: one template, the transport's bits marked where they differ.
# Then the files every service is named in get one line each: the root pom's <modules>, services.txt (the next free
# ports), k8s/base/kustomization.yaml, docker-compose.yml (a block above its marker line) and the observability overlay
# (docker-compose.observability.yml, scripts/observability/prometheus.yml); a broker transport also
# adds its user to the broker's policy in scripts/access, its password to ./dev secrets (SECRET_NAMES in dev) and a
# secrets volume to compose (the `secrets` service makes its password into it). .ci/new-service.sh generates services
# in a scratch clone, builds them, tests them and calls them with NestJS clients, so the template cannot rot unnoticed.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
TEMPLATE="$ROOT/scripts/new-service/template"
BLOCKS="$ROOT/scripts/new-service/blocks"
COMPOSE_MARKER='  # ---- ./dev new-service adds services above this line'
# docker-compose.yml: the secrets service's volumes and the file's volumes each end in this line (two places)
VOLUME_MARKER="# ./dev new-service adds a service's secrets volume above this line"
POLICY_MARKER='# ---- ./dev new-service adds users above this line'

fail() { printf 'new-service: %s\n' "$*" >&2; exit 1; }
usage="usage: ./dev new-service NAME [--transport tcp|nats|rmq|kafka|redis|mqtt], where NAME is lower-case letters, digits and dashes ending in -service (e.g. billing-service)"

NAME="" TRANSPORT=tcp
while (($#)); do
  case "$1" in
    --transport) (($# > 1)) || fail "$usage"; TRANSPORT=$2; shift 2 ;;
    --transport=*) TRANSPORT=${1#*=}; shift ;;
    -*) fail "unknown option $1; $usage" ;;
    *) [[ -z "$NAME" ]] || fail "$usage"; NAME=$1; shift ;;
  esac
done
[[ "$NAME" =~ ^[a-z][a-z0-9-]*-service$ ]] || fail "$usage"
SECRET="$(printf '%s' "$NAME" | tr 'a-z-' 'A-Z_')_BROKER_PASSWORD"
# Per transport: the broker (its compose and k8s service name), the policy file its user goes into, the login keys
# and compose's anchor of the broker's address. Redis takes its login in the URL (QUARKUS_REDIS_HOSTS) instead.
case "$TRANSPORT" in
  tcp) BROKER="" POLICY="" LOGIN="" ANCHOR="" NEST=TCP ;;
  nats) BROKER=nats POLICY=nats.conf LOGIN=NEST_NATS ANCHOR=nats-env NEST=NATS ;;
  rmq) BROKER=rabbitmq POLICY=rabbitmq.users LOGIN=NEST_RABBITMQ ANCHOR=rabbitmq-env NEST=RMQ ;;
  kafka) BROKER=kafka POLICY=kafka.acls LOGIN=NEST_KAFKA ANCHOR=kafka-env NEST=KAFKA ;;
  mqtt) BROKER=mosquitto POLICY=mosquitto.acl LOGIN=NEST_MQTT ANCHOR=mqtt-env NEST=MQTT ;;
  redis) BROKER=redis POLICY=redis.acl LOGIN="" ANCHOR="" NEST=REDIS ;;
  *) fail "unknown transport '$TRANSPORT': one of tcp, nats, rmq, kafka, redis, mqtt" ;;
esac
KIND=broker; [[ $TRANSPORT == tcp ]] && KIND=tcp
BASE="${NAME%-service}"
PACKAGE="${BASE//-/}"
CLASS=$(printf '%s' "$BASE" | awk -F- '{for (i = 1; i <= NF; i++) printf "%s%s", toupper(substr($i, 1, 1)), substr($i, 2)}')
# the package is org.acme.$PACKAGE: a Java keyword there would not compile
case " abstract assert boolean break byte case catch char class const continue default do double else enum extends final
  finally float for goto if implements import instanceof int interface long native new package private protected public
  return short static strictfp super switch synchronized this throw throws transient try void volatile while true false
  null var record yield sealed permits " in *" $PACKAGE "*) fail "'$PACKAGE' is a Java keyword and cannot be a package: choose another name" ;;
esac
[[ ! -e "$ROOT/$NAME" ]] || fail "$NAME exists already ($ROOT/$NAME)"
[[ ! -e "$ROOT/k8s/base/$NAME" ]] || fail "k8s/base/$NAME exists already"
[[ ! -e "$ROOT/shared-contracts/src/main/java/org/acme/contracts/$PACKAGE" ]] || fail "the contracts package org.acme.contracts.$PACKAGE exists already"
! grep -q "^$NAME[[:space:]]" "$ROOT/services.txt" || fail "$NAME is in services.txt already"
! grep -q "<module>$NAME</module>" "$ROOT/pom.xml" || fail "$NAME is a module of pom.xml already"

# ---- the next free ports: above the highest of each kind in services.txt, skipping any port already listed --------
USED=" $(awk '!/^#/ && NF {print $2, $3; n = split($4, e, ","); for (i = 1; i <= n; i++) { sub(/^[a-z]+:/, "", e[i]); print e[i] }}' \
  "$ROOT/services.txt" | tr '\n' ' ') "
next_port() { # column (2 http, 3 management, tcp) floor
  local port
  if [[ $1 == tcp ]]; then
    port=$(awk -v floor="$2" '!/^#/ && NF {n = split($4, e, ","); for (i = 1; i <= n; i++) if (e[i] ~ /^tcp:/) { sub(/^tcp:/, "", e[i]); if (e[i] + 0 > floor) floor = e[i] + 0 } } END {print floor + 1}' "$ROOT/services.txt")
  else
    port=$(awk -v c="$1" -v floor="$2" '!/^#/ && NF && $c + 0 > floor {floor = $c + 0} END {print floor + 1}' "$ROOT/services.txt")
  fi
  while [[ "$USED" == *" $port "* ]]; do port=$((port + 1)); done
  USED+="$port "
  printf '%s' "$port"
}
HTTP_PORT=$(next_port 2 8079)
MANAGEMENT_PORT=$(next_port 3 8999)
TCP_PORT="" EXTRA=- # a broker service listens on no port of its own but HTTP and management
[[ $TRANSPORT == tcp ]] && TCP_PORT=$(next_port tcp 3000) && EXTRA="tcp:$TCP_PORT"

# the lines of the transport's "#@if" sections, none of the others', no markers
sections() {
  awk -v on=" $TRANSPORT $KIND " '
    /^[[:space:]]*(#|\/\/)@if / { keep = 0; n = split($0, word, " "); for (i = 2; i <= n; i++) if (index(on, " " word[i] " ")) keep = 1; skip = !keep; next }
    /^[[:space:]]*(#|\/\/)@end[[:space:]]*$/ { skip = 0; next }
    !skip'
}
fill() { sections | sed -e "s/__SERVICE__/$NAME/g" -e "s/__PACKAGE__/$PACKAGE/g" -e "s/__CLASS__/$CLASS/g" \
  -e "s/__HTTP_PORT__/$HTTP_PORT/g" -e "s/__MANAGEMENT_PORT__/$MANAGEMENT_PORT/g" -e "s/__TCP_PORT__/$TCP_PORT/g" \
  -e "s/__TRANSPORT__/$TRANSPORT/g" -e "s/__SECRET__/$SECRET/g" -e "s/__QUEUE__/${BASE//-/_}_queue/g" \
  -e "s/__BROKER__/$BROKER/g" -e "s/__USER_KEY__/${LOGIN}_USERNAME/g" -e "s/__PASSWORD_KEY__/${LOGIN}_PASSWORD/g" \
  -e "s/__ENV_ANCHOR__/$ANCHOR/g" -e "s/__NEST_TRANSPORT__/$NEST/g"; }
# a filled block of blocks/ into FILE: above its MARKER line when it has one, else at its end
insert() { # block file [marker]
  local block; block=$(mktemp); fill <"$BLOCKS/$1" >"$block"
  if [[ -n "${3:-}" ]]; then
    grep -qxF "$3" "$ROOT/$2" || { rm -f "$block"; return 1; }
    awk -v marker="$3" -v block="$block" '$0 == marker {while ((getline l < block) > 0) print l} {print}' \
      "$ROOT/$2" >"$ROOT/$2.tmp" && mv "$ROOT/$2.tmp" "$ROOT/$2"
  else
    cat "$block" >>"$ROOT/$2"
  fi
  rm -f "$block"
}

# ---- the module, its contracts and its k8s folder, from the template -------------------------------------------------
while IFS= read -r -d '' file; do
  rel="${file#"$TEMPLATE"/}"
  target="$ROOT/$(printf '%s' "$rel" | fill)"
  mkdir -p "$(dirname "$target")"
  fill <"$file" >"$target"
done < <(find "$TEMPLATE" -type f -print0)

# ---- one line in each list of services -------------------------------------------------------------------------------
# root pom: after the last service module (k8s stays last: its tests read the services' compiled configuration)
last=$(grep -n '<module>[a-z0-9-]*\(-service\|api-gateway\)</module>' "$ROOT/pom.xml" | tail -1 | cut -d: -f1)
[[ -n "$last" ]] || fail "no service <module> in pom.xml to add $NAME after"
sed -i "${last}a\\    <module>$NAME</module>" "$ROOT/pom.xml"

# services.txt: before the gateway, which starts last (./dev up)
line=$(printf '%-20s %-5s %-11s %s' "$NAME" "$HTTP_PORT" "$MANAGEMENT_PORT" "$EXTRA")
if grep -q '^api-gateway[[:space:]]' "$ROOT/services.txt"; then
  sed -i "/^api-gateway[[:space:]]/i\\$line" "$ROOT/services.txt"
else
  printf '%s\n' "$line" >>"$ROOT/services.txt"
fi

# k8s/base: its folder among the resources, after the gateway's
grep -q '^  - api-gateway$' "$ROOT/k8s/base/kustomization.yaml" || fail "k8s/base/kustomization.yaml lists no '  - api-gateway' to add $NAME after"
sed -i "/^  - api-gateway$/a\\  - $NAME" "$ROOT/k8s/base/kustomization.yaml"

# docker-compose.yml: above the marker line
if insert docker-compose.yml docker-compose.yml "$COMPOSE_MARKER"; then
  compose="docker-compose.yml (a block above its marker line)"
else
  printf 'new-service: docker-compose.yml has no line "%s"; add this block to its services by hand:

' "$COMPOSE_MARKER" >&2
  fill <"$BLOCKS/docker-compose.yml" >&2
  compose="NOT docker-compose.yml (no marker line; the block is printed above)"
fi

# the observability overlay: Prometheus scrapes its management port, and its spans go to the collector
sed -i "/^ *# \.\/dev new-service adds a target above this line/i\          - $NAME:$MANAGEMENT_PORT" "$ROOT/scripts/observability/prometheus.yml"
sed -i "/^  # \.\/dev new-service adds its service above this line/i\  $NAME: {environment: *traced}" "$ROOT/docker-compose.observability.yml"

# ---- a broker transport: the service's own broker user, with only its own pattern's rights --------------------------
if [[ -n "$POLICY" ]]; then
  # its rules in the broker's policy (nats.conf's users are a list, so they go above its marker line, inside it)
  marker=""; grep -qxF "    $POLICY_MARKER" "$ROOT/scripts/access/$POLICY" && marker="    $POLICY_MARKER"
  insert "access/$POLICY" "scripts/access/$POLICY" "$marker"
  # its password: made by ./dev secrets (into .env and k8s's Secret broker-passwords) ...
  grep -q "^  # ./dev new-service adds" "$ROOT/dev" || fail "dev has no '# ./dev new-service adds' line in SECRET_NAMES to add $SECRET above"
  sed -i "/^  # \.\/dev new-service adds/i\  $SECRET" "$ROOT/dev"
  # ... and in compose, a secrets volume of its own: the `secrets` service makes its password into it (and the
  # brokers' share), and only this service mounts it (blocks/docker-compose.yml)
  (($(grep -c "^ *$VOLUME_MARKER\$" "$ROOT/docker-compose.yml") == 2)) ||
    fail "docker-compose.yml needs the line '$VOLUME_MARKER' twice (the secrets service's volumes, the file's volumes)"
  awk -v marker="$VOLUME_MARKER" -v name="$NAME" '
    index($0, marker) { n++; print (n == 1 ? "      - " name "-secrets:/secrets/services/" name : "  " name "-secrets:") }
    {print}' "$ROOT/docker-compose.yml" >"$ROOT/docker-compose.yml.tmp" && mv "$ROOT/docker-compose.yml.tmp" "$ROOT/docker-compose.yml"
  access="scripts/access/$POLICY (user $NAME), dev's SECRET_NAMES ($SECRET) and compose's volume $NAME-secrets"
fi

over="TCP $TCP_PORT"; [[ $TRANSPORT == tcp ]] || over="$TRANSPORT ($BROKER, as user $NAME)"
cat <<EOF
$NAME: {cmd:'ping'} over $over, HTTP $HTTP_PORT, health and metrics on $MANAGEMENT_PORT
  made   $NAME/ (org.acme.$PACKAGE: ${CLASS}Controller, ${CLASS}FromNestTests, ${CLASS}HealthTests, ${CLASS}AsyncApiTests)
         shared-contracts/src/main/java/org/acme/contracts/$PACKAGE/ (${CLASS}Patterns, PingRequest, PingReply)
         k8s/base/$NAME/ (Deployment, Service, config)
  added  to pom.xml <modules>, services.txt, k8s/base/kustomization.yaml, $compose,
         the observability overlay (traced, scraped)${access:+
         $access}
  next   ./mvnw -B package -pl $NAME -am -Dtest='$CLASS*Tests' -Dsurefire.failIfNoSpecifiedTests=false
           (builds it and runs its tests: a real NestJS client calls it); ./dev up starts it with the others
           (docker compose up --build too). Walkthrough: docs/new-service.md.
         Then: its patterns in ${CLASS}Controller, their names and records in the contracts, a route in api-gateway.
EOF
