#!/usr/bin/env bash
# A real `docker compose up --build` of docker-compose.yml, the file a user runs, proven end to end:
#   1. Docker's engine and docker-compose from Debian's packages if missing; dockerd started if none answers
#   2. docker-compose config validates docker-compose.yml (alone and with CI's layer), with no .env: nothing is made on
#      the host first, the stack's one-shot `secrets` service makes every password and key inside Docker
#   3. no image registry here: local stand-ins under the public images' names (scripts/docker/stand-ins.sh; cached),
#      so that compose pulls nothing; then compose builds every image from source (the services' Maven build runs
#      inside Docker, in the root Dockerfile's first stage)
#   4. the stack up on its own bridge network, as a user gets it; .ci/docker-compose.ci.yml only names the bridge,
#      and a firewall rule drops whatever would leave it (no traffic beyond this machine); the gateway on
#      127.0.0.1:18080 (GATEWAY_PORT), so it never meets one that ./dev up runs on 8080
#   5. every container healthy (the one-shot `secrets` exited 0); every service's /q/health/{started,live,ready} on its management port (reached at its
#      container's address), and none of them on its public port; Redis AOF and JetStream on; no anonymous broker;
#      the README's walkthrough (the block between compose-smoke:begin/end) against the gateway, its ./dev token and
#      ./dev secret answered by the stack (docker-compose run --rm -T secrets token ...), as the README tells a user
#   6. down -v and the firewall rule removed, always (also on failure or Ctrl-C); the local brokers left as they were
# What it proves: the wiring, the networking and our images. What it cannot: the upstream images themselves (the
# stand-ins carry their names, users and paths, with Debian's builds of the same software inside).
# Safe to run again: it first removes whatever an interrupted run of its own project left behind.
# Env: SMOKE_PROJECT (compose project name, default nestsmoke), SMOKE_TIMEOUT (seconds to healthy, default 420).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
ROOT="$PWD"
PROJECT="${SMOKE_PROJECT:-nestsmoke}"
TIMEOUT="${SMOKE_TIMEOUT:-420}"
LOGS="$ROOT/build/compose-smoke"
FILES=(-f docker-compose.yml -f .ci/docker-compose.ci.yml) # also in stack_dev, below
BRIDGE=nestsmoke0 # .ci/docker-compose.ci.yml names it
export GATEWAY_PORT=18080
# the services and their ports (services.txt): SERVICES, SERVICE_PORT, MANAGEMENT_PORT, EXTRA_PORTS
source scripts/services.sh
# The developers' brokers and services on their standard ports: recorded before, compared after.
LOCAL_PORTS=(6379 4222 5672 1883 9092)
for s in "${SERVICES[@]}"; do
  # shellcheck disable=SC2206 # EXTRA_PORTS holds space-separated port numbers
  LOCAL_PORTS+=("${SERVICE_PORT[$s]}" "${MANAGEMENT_PORT[$s]}" ${EXTRA_PORTS[$s]})
done
START=$(date +%s)
mkdir -p "$LOGS"

say() { printf '[compose-smoke %3ss] %s\n' "$(($(date +%s) - START))" "$*"; }
fail() { say "FAILED: $*"; exit 1; }
compose() { docker-compose -p "$PROJECT" "${FILES[@]}" "$@"; }
listening() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
owners() { # "port:pid" of every given port that is listening
  local p; for p in "$@"; do ss -ltnpH "sport = :$p" 2>/dev/null | sed -n "s/.*pid=\([0-9]*\).*/$p:\1/p" | head -1; done
}
address() { # the container address of a compose service, on the stack's network
  docker inspect -f '{{range .NetworkSettings.Networks}}{{.IPAddress}}{{end}}' "$(compose ps -q "$1")"
}
fence() { # -I or -D: the rules that keep all traffic of the bridge on this machine (forwarding is on here)
  iptables "$1" FORWARD -i "$BRIDGE" ! -o "$BRIDGE" -j DROP && iptables "$1" FORWARD ! -i "$BRIDGE" -o "$BRIDGE" -j DROP
}

# ---- 1. engine ------------------------------------------------------------------------------------------
scripts/docker/engine.sh

# ---- 2. the files are valid -----------------------------------------------------------------------------
# A user's checkout has no .env: the file must not need one (a developer's own .env is set aside for the run).
[[ -f .env ]] && mv .env "$LOGS/dotenv.kept"
docker-compose -f docker-compose.yml config -q || fail "docker-compose.yml does not validate"
compose config -q || fail "docker-compose.yml with .ci/docker-compose.ci.yml does not validate"
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
  while fence -D 2>/dev/null; do :; done
  [[ ! -f "$LOGS/dotenv.kept" ]] || mv "$LOGS/dotenv.kept" .env
  exit "$rc"
}

# A previous run of ours that was killed: remove it (only our compose project, nothing else).
compose down -v --remove-orphans --timeout 20 >"$LOGS/down-before.log" 2>&1 || true
listening "$GATEWAY_PORT" && fail "port $GATEWAY_PORT (the stack's gateway) is in use ($(owners "$GATEWAY_PORT")): stop that process first"
mapfile -t BEFORE < <(owners "${LOCAL_PORTS[@]}")
trap cleanup EXIT
trap 'exit 130' INT TERM

# ---- 3. images ------------------------------------------------------------------------------------------
say "stand-ins for the public images (log: $LOGS/stand-ins.log)"
scripts/docker/stand-ins.sh >"$LOGS/stand-ins.log" 2>&1 || { tail -n 30 "$LOGS/stand-ins.log"; fail "stand-ins failed"; }
say "building the images (log: $LOGS/build.log)"
compose build --force-rm >"$LOGS/build.log" 2>&1 || { tail -n 30 "$LOGS/build.log"; fail "image build failed; see $LOGS/build.log"; }
say "images built"

# ---- 4. up ----------------------------------------------------------------------------------------------
while fence -D 2>/dev/null; do :; done
fence -I || fail "could not fence the bridge $BRIDGE (iptables)"
say "docker-compose up -d (health-gated: each container waits for its dependencies to be healthy)"
compose up -d --no-build >"$LOGS/up.log" 2>&1 || { cat "$LOGS/up.log"; fail "docker-compose up failed"; }
deadline=$(($(date +%s) + TIMEOUT))
expected=$(compose config --services | wc -l)
while :; do
  mapfile -t ids < <(compose ps -q)
  unhealthy=()
  for id in "${ids[@]}"; do
    status=$(docker inspect -f '{{.Name}} {{if .State.Health}}{{.State.Health.Status}}{{else}}no-healthcheck{{end}} {{.State.Status}} {{.State.ExitCode}}' "$id")
    # every container healthy, but the one-shot secrets maker, which has done its work and exited
    [[ $status == *" healthy running 0" || $status =~ [_-]secrets[_-]1\ no-healthcheck\ exited\ 0$ ]] || unhealthy+=("$status")
  done
  ((${#ids[@]} == expected)) && ((${#unhealthy[@]} == 0)) && break
  (($(date +%s) > deadline)) && fail "not healthy within ${TIMEOUT}s: ${unhealthy[*]} (${#ids[@]} containers)"
  sleep 3
done
say "all ${#ids[@]} containers healthy (secrets: made, and exited)"
compose logs --no-color secrets | grep 'secrets:' || fail "the secrets service said nothing of what it made"
compose ps

# ---- 5. checks ------------------------------------------------------------------------------------------
get() { curl -fsS --max-time 10 "$@"; }
for s in "${SERVICES[@]}"; do
  ip=$(address "$s")
  for probe in started live ready; do
    body=$(get "http://$ip:${MANAGEMENT_PORT[$s]}/q/health/$probe") || fail "$s /q/health/$probe on $ip:${MANAGEMENT_PORT[$s]}"
    grep -q '"status" *: *"UP"' <<<"$body" || fail "$s /q/health/$probe is not UP: $body"
  done
  # the public port serves the application only
  public=$(curl -s -o /dev/null -w '%{http_code}' --max-time 10 "http://$ip:${SERVICE_PORT[$s]}/q/health/ready")
  [[ "$public" == 404 ]] || fail "$s answers /q/health/ready on its public port ${SERVICE_PORT[$s]} with $public, expected 404"
  say "$s ($ip): /q/health/started, /live, /ready UP on its management port ${MANAGEMENT_PORT[$s]}; 404 on ${SERVICE_PORT[$s]}"
done
get "http://$(address math-service):9001/q/health/ready" | tr -d '\n' | head -c 600; echo
in_broker() { local broker=$1; shift; docker exec "$(compose ps -q "$broker")" "$@"; }
[[ "$(in_broker redis with-secrets sh -c 'REDISCLI_AUTH="$BROKER_ADMIN_PASSWORD" redis-cli --user admin config get appendonly' | tail -1)" == yes ]] \
  || fail "Redis AOF is off"
get "http://$(address nats):8222/jsz" | grep -q '"config"' || fail "NATS JetStream is off"
say "Redis append-only file on; NATS JetStream on"

# No broker lets anyone in without credentials, and each service's user is held to its rights (scripts/access).
# (each command's output first: a refusal is also a failed exit, which pipefail would take for grep's)
out=$(in_broker redis redis-cli get orders:x 2>&1 || true)
grep -q NOAUTH <<<"$out" || fail "Redis lets anonymous clients in: $out"
out=$(in_broker redis with-secrets sh -c 'REDISCLI_AUTH="$API_GATEWAY_BROKER_PASSWORD" redis-cli --user api-gateway set orders:x PAID' 2>&1 || true)
grep -q NOPERM <<<"$out" || fail "Redis lets the gateway write an order: $out"
nats_anonymous=$( (exec 3<>"/dev/tcp/$(address nats)/4222"; printf 'CONNECT {"verbose":false}\r\nPING\r\n' >&3; timeout 3 cat <&3) 2>/dev/null || true)
grep -q "Authorization Violation" <<<"$nats_anonymous" || fail "NATS lets anonymous clients in: $nats_anonymous"
out=$(in_broker mosquitto mosquitto_pub -t orders/x/status -m PAID 2>&1 || true)
grep -qi "not authori" <<<"$out" || fail "Mosquitto lets anonymous clients in: $out"
in_broker rabbitmq rabbitmqctl -q authenticate_user guest guest >/dev/null 2>&1 \
  && fail "RabbitMQ still knows guest/guest"
say "brokers: no anonymous client on Redis, NATS or Mosquitto, no guest on RabbitMQ; the gateway may not write orders"

# Each service sees only its own share of the secrets: math-service has no other service's password, no admin one.
in_service() { docker exec "$(compose ps -q "$1")" with-secrets sh -c "$2"; }
[[ "$(in_service math-service 'echo "${BROKER_PASSWORD:+set} ${ORDER_SERVICE_BROKER_PASSWORD:-} ${BROKER_ADMIN_PASSWORD:-}"')" == "set  " ]] \
  || fail "math-service sees more secrets than its own"
[[ "$(in_service order-service 'ls /run/secrets/nest; echo "${MATH_GUARD_SECRET:-none}"' | tr '\n' ' ')" == "env none " ]] \
  || fail "order-service sees the math guard's secret"
say "secrets: each service has only its own share"

# The README's walkthrough: each curl line of the marked block, against the published gateway (and, for the lines
# that read its management port, the gateway's container). Its ./dev token and ./dev secret NAME are answered as the
# README's Docker section says, by the stack's secrets service (each distinct call once: a token lives an hour).
stack_dev() { # ./dev token|secret ARGS, as docker-compose run --rm -T secrets token|secret ARGS
  local key; key=$(printf '%s_' "$@" | tr -c 'A-Za-z0-9_' _)
  [[ -s "$LOGS/dev-answers/$key" ]] ||
    (cd "$ROOT" && docker-compose -p "$PROJECT" -f docker-compose.yml -f .ci/docker-compose.ci.yml run --rm -T secrets "$@" </dev/null) >"$LOGS/dev-answers/$key"
  cat "$LOGS/dev-answers/$key"
}
rm -rf "$LOGS/dev-answers" && mkdir -p "$LOGS/dev-answers"
# (the walkthrough runs each line in a bash of its own: the function and what it reads go with it; an array cannot)
export -f stack_dev
export PROJECT LOGS ROOT
DEV=stack_dev "$ROOT/scripts/walkthrough.sh" "8080=127.0.0.1:$GATEWAY_PORT" "9000=$(address api-gateway):9000" ||
  fail "the README walkthrough failed against the compose stack"


# The observability overlay's dashboard (scripts/observability) plots metrics the services really export: after the
# walkthrough (sums over six transports, orders through the saga), every metric its queries name is in some
# service's /q/metrics. (A metric name in PromQL is a word with an underscore that is not a function; labels here
# have none.)
exported=$(for s in "${SERVICES[@]}"; do get "http://$(address "$s"):${MANAGEMENT_PORT[$s]}/q/metrics"; done |
  grep -oE '^[a-zA-Z_:][a-zA-Z0-9_:]*' | sort -u)
queried=$(grep -oE '"expr": "[^"]*' scripts/observability/grafana/dashboards/*.json | grep -oE '[a-z]+(_[a-z0-9]+)+' |
  grep -vxE 'histogram_quantile|label_replace|count_over_time|max_over_time' | sort -u)
[[ -n "$queried" ]] || fail "found no metric in the dashboard's queries"
missing=$(comm -23 <(printf '%s\n' "$queried") <(printf '%s\n' "$exported"))
[[ -z "$missing" ]] || fail "the dashboard queries metrics no service exports: $(tr '\n' ' ' <<<"$missing")"
say "dashboard: its $(wc -l <<<"$queried") metrics are all exported by the running services"

# The developers' brokers and services: same processes on the same ports as before.
mapfile -t AFTER < <(owners "${LOCAL_PORTS[@]}")
[[ "${BEFORE[*]}" == "${AFTER[*]}" ]] || fail "local listeners changed: before [${BEFORE[*]}] after [${AFTER[*]}]"
say "local brokers untouched: ${AFTER[*]:-none}"
say "PASSED in $(($(date +%s) - START)) s"
