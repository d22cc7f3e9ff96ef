#!/usr/bin/env bash
# ./dev new-service NAME: a new service module from template/, wired in everywhere a service must be.
#
# template/ mirrors the repository: every file under it is copied to the same path with these placeholders replaced,
# in the path and in the text:
#   __SERVICE__          the name, e.g. demo-service            __PACKAGE__  its Java package part: demo
#   __CLASS__            its class-name prefix: Demo            __HTTP_PORT__, __MANAGEMENT_PORT__, __TCP_PORT__
# Then the files every service is named in get one line each: the root pom's <modules>, services.txt (the next free
# ports), k8s/base/kustomization.yaml, and docker-compose.yml (a block above its marker line). .ci/new-service.sh
# generates a service in a scratch clone, builds it, tests it and calls it with a NestJS client, so the template
# cannot rot unnoticed.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
TEMPLATE="$ROOT/scripts/new-service/template"
COMPOSE_MARKER='  # ---- ./dev new-service adds services above this line'

fail() { printf 'new-service: %s\n' "$*" >&2; exit 1; }

NAME="${1:-}"
[[ "$NAME" =~ ^[a-z][a-z0-9-]*-service$ ]] ||
  fail "usage: ./dev new-service NAME, where NAME is lower-case letters, digits and dashes ending in -service (e.g. billing-service)"
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
TCP_PORT=$(next_port tcp 3000)

fill() { sed -e "s/__SERVICE__/$NAME/g" -e "s/__PACKAGE__/$PACKAGE/g" -e "s/__CLASS__/$CLASS/g" \
  -e "s/__HTTP_PORT__/$HTTP_PORT/g" -e "s/__MANAGEMENT_PORT__/$MANAGEMENT_PORT/g" -e "s/__TCP_PORT__/$TCP_PORT/g"; }

# ---- docker-compose.yml: one function, the block it inserts above the marker ---------------------------------------
# The service's image is built by the shared Dockerfile from the repository root; its health is read on its management
# port by x-service's healthcheck. It uses no broker, so it has no broker login and depends on none; a service that
# uses one adds NEST_<BROKER>_USERNAME: NAME and NEST_<BROKER>_PASSWORD: ${NAME_BROKER_PASSWORD} (made by
# ./dev secrets once its name is in SECRET_NAMES, a user for it in scripts/access) and depends_on that broker.
compose_block() {
  local secret; secret="$(printf '%s' "$NAME" | tr 'a-z-' 'A-Z_')_BROKER_PASSWORD"
  cat <<EOF
  $NAME:
    <<: *service
    image: local/nest-$NAME:dev
    build: {<<: *service-build, args: {SERVICE: $NAME}}
    expose: ["$TCP_PORT"]
    environment:
      QUARKUS_HTTP_PORT: "$HTTP_PORT"
      QUARKUS_MANAGEMENT_PORT: "$MANAGEMENT_PORT"
      NEST_SERVER_TCP_HOST: 0.0.0.0
      NEST_SERVER_TCP_PORT: "$TCP_PORT"
      # its broker login, once it uses a broker (see scripts/new-service/new-service.sh):
      # NEST_NATS_USERNAME: $NAME
      # NEST_NATS_PASSWORD: \${$secret:?run ./dev secrets first}

EOF
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
line=$(printf '%-20s %-5s %-11s %s' "$NAME" "$HTTP_PORT" "$MANAGEMENT_PORT" "tcp:$TCP_PORT")
if grep -q '^api-gateway[[:space:]]' "$ROOT/services.txt"; then
  sed -i "/^api-gateway[[:space:]]/i\\$line" "$ROOT/services.txt"
else
  printf '%s\n' "$line" >>"$ROOT/services.txt"
fi

# k8s/base: its folder among the resources, after the gateway's
grep -q '^  - api-gateway$' "$ROOT/k8s/base/kustomization.yaml" || fail "k8s/base/kustomization.yaml lists no '  - api-gateway' to add $NAME after"
sed -i "/^  - api-gateway$/a\\  - $NAME" "$ROOT/k8s/base/kustomization.yaml"

# docker-compose.yml: above the marker line
if grep -qxF "$COMPOSE_MARKER" "$ROOT/docker-compose.yml"; then
  block=$(mktemp); compose_block >"$block"
  awk -v marker="$COMPOSE_MARKER" -v block="$block" '$0 == marker {while ((getline l < block) > 0) print l} {print}' \
    "$ROOT/docker-compose.yml" >"$ROOT/docker-compose.yml.tmp" && mv "$ROOT/docker-compose.yml.tmp" "$ROOT/docker-compose.yml"
  rm -f "$block"
  compose="docker-compose.yml (a block above its marker line)"
else
  printf 'new-service: docker-compose.yml has no line "%s"; add this block to its services by hand:\n\n' "$COMPOSE_MARKER" >&2
  compose_block >&2
  compose="NOT docker-compose.yml (no marker line; the block is printed above)"
fi

cat <<EOF
$NAME: {cmd:'ping'} over TCP $TCP_PORT, HTTP $HTTP_PORT, health and metrics on $MANAGEMENT_PORT
  made   $NAME/ (org.acme.$PACKAGE: ${CLASS}Controller, ${CLASS}FromNestTests, ${CLASS}HealthTests)
         shared-contracts/src/main/java/org/acme/contracts/$PACKAGE/ (${CLASS}Patterns, PingRequest, PingReply)
         k8s/base/$NAME/ (Deployment, Service, config)
  added  to pom.xml <modules>, services.txt, k8s/base/kustomization.yaml, $compose
  next   ./mvnw -B package -pl $NAME -am -Dtest='$CLASS*Tests' -Dsurefire.failIfNoSpecifiedTests=false
           (builds it and runs its tests: a real NestJS client calls it); ./dev up starts it with the others.
         Then: its patterns in ${CLASS}Controller, their names and records in the contracts, a route in api-gateway.
EOF
