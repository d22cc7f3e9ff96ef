#!/usr/bin/env bash
# A real `docker compose up` of docker-compose.yml, proven end to end, without touching anything else:
#   1. Docker's engine and docker-compose from Debian's packages if missing; dockerd started if none answers
#   2. ./dev secrets (.env), then docker-compose config validates docker-compose.yml (alone and with CI's layer)
#   3. the base image (cached), the service jars (if missing), then every image, built by compose
#   4. the stack up with .ci/docker-compose.ci.yml on top: host networking and the +10000 port plan, so that it
#      never meets the brokers and services developers run on their standard ports
#   5. every container healthy; every service's /q/health/{started,live,ready} on its management port, and none of
#      them on its public port; Redis AOF and JetStream on;
#      the README's walkthrough (the block between compose-smoke:begin/end) against the gateway
#   6. down -v, always (also on failure or Ctrl-C), and a check that the local brokers were left as they were
# Safe to run again: it first removes whatever an interrupted run of its own project left behind.
# Env: SMOKE_PROJECT (compose project name, default nestsmoke), SMOKE_TIMEOUT (seconds to healthy, default 420),
#      SMOKE_REBUILD_JARS=1 to rebuild the jars even if present.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
ROOT="$PWD"
PROJECT="${SMOKE_PROJECT:-nestsmoke}"
TIMEOUT="${SMOKE_TIMEOUT:-420}"
LOGS="$ROOT/build/compose-smoke"
FILES=(-f docker-compose.yml -f .ci/docker-compose.ci.yml)
SERVICES=(api-gateway math-service heroes-grpc-service order-service payment-service inventory-service)
declare -A CI_HTTP=([api-gateway]=18080 [math-service]=18081 [heroes-grpc-service]=18082 [order-service]=18083 [payment-service]=18084 [inventory-service]=18085)
# health and metrics: each service's management interface (host networking: on loopback, reached directly)
declare -A CI_MANAGEMENT=([api-gateway]=19000 [math-service]=19001 [heroes-grpc-service]=19002 [order-service]=19003 [payment-service]=19004 [inventory-service]=19005)
# Every port the CI stack binds (brokers, broker side ports, services): all must be free before we start.
CI_PORTS=(16379 14222 18222 11883 15673 14369 35673 19092 19093 18080 18081 18082 18083 18084 18085 19000 19001 19002 19003 19004 19005 13001 15000)
# The developers' brokers and services on their standard ports: recorded before, compared after.
LOCAL_PORTS=(6379 4222 5672 1883 9092 8080 8081 8082 8083 8084 8085 9000 9001 9002 9003 9004 9005 3001 5000)
START=$(date +%s)
mkdir -p "$LOGS"

say() { printf '[compose-smoke %3ss] %s\n' "$(($(date +%s) - START))" "$*"; }
fail() { say "FAILED: $*"; exit 1; }
EFFECTIVE="$LOGS/effective.yml"
compose() { docker-compose -p "$PROJECT" -f "$EFFECTIVE" --project-directory "$ROOT" "$@"; }
listening() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
owners() { # "port:pid" of every given port that is listening
  local p; for p in "$@"; do ss -ltnpH "sport = :$p" 2>/dev/null | sed -n "s/.*pid=\([0-9]*\).*/$p:\1/p" | head -1; done
}

# ---- 1. engine ------------------------------------------------------------------------------------------
scripts/docker/engine.sh

# ---- 2. the files are valid -----------------------------------------------------------------------------
# the development secrets (.env, read by compose; the token key ./dev token signs with), as a user's ./dev secrets
./dev secrets
docker-compose -f docker-compose.yml config -q || fail "docker-compose.yml does not validate"
docker-compose -p "$PROJECT" "${FILES[@]}" config >"$LOGS/merged.yml" || fail "docker-compose.yml with .ci/docker-compose.ci.yml does not validate"
# Host networking forbids port bindings, and Compose 1.29 cannot remove a list entry in an override file
# (v2 has !reset): drop the published ports of host-network services from the merged file. PyYAML comes with
# Debian's docker-compose.
python3 - "$LOGS/merged.yml" "$EFFECTIVE" <<'PY'
import sys, yaml
config = yaml.safe_load(open(sys.argv[1]))
for service in config["services"].values():
    if service.get("network_mode") == "host":
        service.pop("ports", None)
yaml.safe_dump(config, open(sys.argv[2], "w"), sort_keys=False)
PY
compose config -q || fail "the effective CI compose file ($EFFECTIVE) does not validate"
say "docker-compose config: docker-compose.yml valid, with CI's layer valid"

cleanup() {
  local rc=$?
  trap - EXIT INT TERM
  if ((rc != 0)); then
    say "collecting logs into $LOGS before tearing down"
    compose ps >"$LOGS/ps.txt" 2>&1 || true
    compose logs --no-color >"$LOGS/compose.log" 2>&1 || true
    tail -n 40 "$LOGS/compose.log" 2>/dev/null || true
  fi
  say "tearing down project $PROJECT (containers, network, volumes)"
  compose down -v --remove-orphans --timeout 20 >"$LOGS/down.log" 2>&1 || say "down failed; see $LOGS/down.log"
  exit "$rc"
}

# A previous run of ours that was killed: remove it (only our compose project, nothing else).
compose down -v --remove-orphans --timeout 20 >"$LOGS/down-before.log" 2>&1 || true
for p in "${CI_PORTS[@]}"; do
  listening "$p" && fail "port $p of the CI port plan is in use ($(owners "$p")): stop that process first"
done
mapfile -t BEFORE < <(owners "${LOCAL_PORTS[@]}")
trap cleanup EXIT
trap 'exit 130' INT TERM

# ---- 3. images ------------------------------------------------------------------------------------------
scripts/docker/base-image.sh
missing=0
for s in "${SERVICES[@]}"; do [[ -f "$s/target/quarkus-app/quarkus-run.jar" ]] || missing=1; done
if ((missing)) || [[ "${SMOKE_REBUILD_JARS:-}" == 1 ]]; then
  JAVA_HOME="$(./dev java)"; export JAVA_HOME
  say "building the service jars (./mvnw package -DskipTests, JDK $JAVA_HOME)"
  ./mvnw -B -q package -DskipTests >"$LOGS/mvn.log" 2>&1 || fail "maven build failed; see $LOGS/mvn.log"
fi
say "building the images (log: $LOGS/build.log)"
compose build --force-rm >"$LOGS/build.log" 2>&1 || { tail -n 30 "$LOGS/build.log"; fail "image build failed; see $LOGS/build.log"; }
say "images built"

# ---- 4. up ----------------------------------------------------------------------------------------------
say "docker-compose up -d (health-gated: each container waits for its dependencies to be healthy)"
compose up -d --no-build >"$LOGS/up.log" 2>&1 || { cat "$LOGS/up.log"; fail "docker-compose up failed"; }
deadline=$(($(date +%s) + TIMEOUT))
expected=$(compose config --services | wc -l)
while :; do
  mapfile -t ids < <(compose ps -q)
  unhealthy=()
  for id in "${ids[@]}"; do
    status=$(docker inspect -f '{{.Name}} {{if .State.Health}}{{.State.Health.Status}}{{else}}no-healthcheck{{end}} {{.State.Status}}' "$id")
    [[ $status == *" healthy running" ]] || unhealthy+=("$status")
  done
  ((${#ids[@]} == expected)) && ((${#unhealthy[@]} == 0)) && break
  (($(date +%s) > deadline)) && fail "not healthy within ${TIMEOUT}s: ${unhealthy[*]} (${#ids[@]} containers)"
  sleep 3
done
say "all ${#ids[@]} containers healthy"
compose ps

# ---- 5. checks ------------------------------------------------------------------------------------------
get() { curl -fsS --max-time 10 "$@"; }
for s in "${SERVICES[@]}"; do
  for probe in started live ready; do
    body=$(get "http://127.0.0.1:${CI_MANAGEMENT[$s]}/q/health/$probe") || fail "$s /q/health/$probe on ${CI_MANAGEMENT[$s]}"
    grep -q '"status" *: *"UP"' <<<"$body" || fail "$s /q/health/$probe is not UP: $body"
  done
  # the public port serves the application only
  public=$(curl -s -o /dev/null -w '%{http_code}' --max-time 10 "http://127.0.0.1:${CI_HTTP[$s]}/q/health/ready")
  [[ "$public" == 404 ]] || fail "$s answers /q/health/ready on its public port ${CI_HTTP[$s]} with $public, expected 404"
  say "$s: /q/health/started, /live, /ready UP on 127.0.0.1:${CI_MANAGEMENT[$s]}; 404 on its public port ${CI_HTTP[$s]}"
done
get "http://127.0.0.1:19001/q/health/ready" | tr -d '\n' | head -c 600; echo
in_broker() { local broker=$1; shift; docker exec "$(compose ps -q "$broker")" "$@"; }
[[ "$(in_broker redis sh -c 'REDISCLI_AUTH="$BROKER_ADMIN_PASSWORD" redis-cli --user admin -p 16379 config get appendonly' | tail -1)" == yes ]] \
  || fail "Redis AOF is off"
get "http://127.0.0.1:18222/jsz" | grep -q '"config"' || fail "NATS JetStream is off"
say "Redis append-only file on; NATS JetStream on"

# No broker lets anyone in without credentials, and each service's user is held to its rights (scripts/access).
# (each command's output first: a refusal is also a failed exit, which pipefail would take for grep's)
out=$(in_broker redis redis-cli -p 16379 get orders:x 2>&1 || true)
grep -q NOAUTH <<<"$out" || fail "Redis lets anonymous clients in: $out"
out=$(in_broker redis sh -c 'REDISCLI_AUTH="$API_GATEWAY_BROKER_PASSWORD" redis-cli --user api-gateway -p 16379 set orders:x PAID' 2>&1 || true)
grep -q NOPERM <<<"$out" || fail "Redis lets the gateway write an order: $out"
nats_anonymous=$( (exec 3<>/dev/tcp/127.0.0.1/14222; printf 'CONNECT {"verbose":false}\r\nPING\r\n' >&3; timeout 3 cat <&3) 2>/dev/null || true)
grep -q "Authorization Violation" <<<"$nats_anonymous" || fail "NATS lets anonymous clients in: $nats_anonymous"
out=$(in_broker mosquitto mosquitto_pub -p 11883 -t orders/x/status -m PAID 2>&1 || true)
grep -qi "not authori" <<<"$out" || fail "Mosquitto lets anonymous clients in: $out"
in_broker rabbitmq /usr/lib/rabbitmq/bin/rabbitmqctl -q authenticate_user guest guest >/dev/null 2>&1 \
  && fail "RabbitMQ still knows guest/guest"
say "brokers: no anonymous client on Redis, NATS or Mosquitto, no guest on RabbitMQ; the gateway may not write orders"

# The README's walkthrough: each curl line of the marked block, with the CI port plan (+10000) applied.
"$ROOT/scripts/walkthrough.sh" 10000 || fail "the README walkthrough failed against the compose stack"


# The developers' brokers and services: same processes on the same ports as before.
mapfile -t AFTER < <(owners "${LOCAL_PORTS[@]}")
[[ "${BEFORE[*]}" == "${AFTER[*]}" ]] || fail "local listeners changed: before [${BEFORE[*]}] after [${AFTER[*]}]"
say "local brokers untouched: ${AFTER[*]:-none}"
say "PASSED in $(($(date +%s) - START)) s"
