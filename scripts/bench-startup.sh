#!/usr/bin/env bash
# ./dev bench startup: time to ready and memory of every service of services.txt, from `java -jar` of its build,
# with the JVM options ./dev up uses (scripts/jvm-options.sh), in variants measured in the same run:
#   default     no AOT cache
#   aot         the AOT cache ./dev up trains: a run to ready on the brokers
#   baseline    only with BASELINE=DIR (another checkout, built): its jars with BASELINE_JVM_OPTS (default -Xmx256m,
#               what ./dev up used before), for a before/after in one run
# Each service alone (ROUNDS starts per variant, variants alternating; medians), then all of them started at once
# (time until the last is ready, then each one's idle memory, and again after LOAD_SECONDS of calls through the
# gateway). Per start: ms to ready (launch to /q/health/ready 200 on its management port), Quarkus's own "started
# in", CPU ms the process used until ready (the steadier figure on a busy machine) and RSS after IDLE_SECONDS.
# A benchmark: it prints and writes build/bench/startup-*.txt; it fails only when a service does not start.
# Expects the brokers up and the services built (./dev does both). Ports: the services' own plus PORT_OFFSET.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=scripts/services.sh
source "$ROOT/scripts/services.sh"
# shellcheck source=scripts/jvm-options.sh
source "$ROOT/scripts/jvm-options.sh"
ROUNDS=${ROUNDS:-3} IDLE_SECONDS=${IDLE_SECONDS:-5} LOAD_SECONDS=${LOAD_SECONDS:-10} PORT_OFFSET=${PORT_OFFSET:-20000}
VARIANTS=(default aot)
BASELINE_JVM_OPTS=${BASELINE_JVM_OPTS:--Xmx256m}
RUN=bench-$(date +%s)
OUT="$ROOT/build/bench"
LOGS="$OUT/startup-logs"
mkdir -p "$LOGS"
RESULT="$OUT/startup-$(date -u +%Y%m%dT%H%M%SZ).txt"
RAW="$OUT/startup-raw.tsv"
: >"$RAW"
STARTED=()
# On the way out: every process this run started, then what it left on the shared brokers (its RabbitMQ queues, its
# Redis keys); its NATS queue group goes with its connections, its Kafka consumer group is only a name.
cleanup() {
  local p q
  for p in "${STARTED[@]}"; do kill "$p" 2>/dev/null || true; done
  if command -v rabbitmqctl >/dev/null; then
    for q in $(rabbitmqctl list_queues -q name 2>/dev/null | grep "^$RUN\." || true); do rabbitmqctl delete_queue -q "$q" >/dev/null 2>&1 || true; done
  fi
  command -v redis-cli >/dev/null && redis-cli --scan --pattern "$RUN-*" | xargs -r redis-cli del >/dev/null 2>&1 || true
}
trap cleanup EXIT
trap "exit 130" INT TERM

port() { echo $(($1 + PORT_OFFSET)); }
app() { # service [variant]
  if [[ "${2:-}" == baseline ]]; then echo "$OUT/baseline/$1"; else echo "$ROOT/$1/target/quarkus-app"; fi
}
# This run's own queue, queue group, consumer group and key prefixes: the brokers are shared, and a service of this
# run must neither take another's messages nor touch its data.
isolation() {
  case $1 in
    math-service) echo "-Dnest.server.nats.queue=$RUN -Dnest.server.rmq.queue=$RUN.math -Dnest.server.kafka.group-id=$RUN" ;;
    inventory-service) echo "-Dnest.server.nats.queue=$RUN -Dinventory.key-prefix=$RUN-inventory:" ;;
    payment-service) echo "-Dnest.server.rmq.queue=$RUN.payments -Dpayment.key-prefix=$RUN-payment:" ;;
    order-service) echo "-Dnest.server.kafka.group-id=$RUN -Dorder.saga.key-prefix=$RUN-orders -Dnest.client.payments.queue=$RUN.payments" ;;
    api-gateway) echo "-Dnest.client.payments.queue=$RUN.payments -Dnest.client.math-tcp.port=$(port 3001)" \
      "-Dquarkus.stork.heroes-grpc-service.service-discovery.address-list=127.0.0.1:$(port 5000)" ;;
  esac
}
ports() {
  echo "-Dquarkus.http.port=$(port "${SERVICE_PORT[$1]}") -Dquarkus.management.port=$(port "${MANAGEMENT_PORT[$1]}")"
  case $1 in
    math-service) echo "-Dnest.server.tcp.port=$(port 3001)" ;;
    heroes-grpc-service) echo "-Dquarkus.grpc.server.port=$(port 5000)" ;;
    api-gateway) echo "-Dnest.server.tcp.port=$(port 3002)" ;;
  esac
}
cache_of() { # service variant
  [[ $2 == aot ]] && aot_cache "$(app "$1")"; return 0
}
# service variant -> the java command line (words)
command_for() {
  local cache opts=("${SERVICE_JVM_OPTS[@]}"); cache=$(cache_of "$1" "$2")
  [[ "$2" == baseline ]] && read -ra opts <<<"$BASELINE_JVM_OPTS"
  # shellcheck disable=SC2046
  echo java "${opts[@]}" ${cache:+-XX:AOTCache=$cache} -Dnest.security.refuse-development-secrets=false \
    $(ports "$1") $(isolation "$1") -jar "$(app "$1" "$2")/quarkus-run.jar"
}
launch() { # service variant log -> pid in LAUNCHED
  # shellcheck disable=SC2046
  $(command_for "$1" "$2") >"$3" 2>&1 &
  LAUNCHED=$!
  STARTED+=("$LAUNCHED")
}
ready() { curl -fs -o /dev/null --max-time 1 "http://127.0.0.1:$(port "${MANAGEMENT_PORT[$1]}")/q/health/ready"; }
now_ms() { echo $(($(date +%s%N) / 1000000)); }
cpu_ms() { awk -v hz="$(getconf CLK_TCK)" '{print int(($14 + $15) * 1000 / hz)}' "/proc/$1/stat"; }
rss_mb() { awk '/^VmRSS/ {print int($2 / 1024)}' "/proc/$1/status"; }
started_in() { grep -o 'started in [0-9.]*s' "$1" | head -1 | sed 's/started in //; s/s$//' || true; }
stop() { kill "$1" 2>/dev/null || true; wait "$1" 2>/dev/null || true; }
free_ports() {
  local svc p
  for svc in "${SERVICES[@]}"; do
    for p in "${SERVICE_PORT[$svc]}" "${MANAGEMENT_PORT[$svc]}" ${EXTRA_PORTS[$svc]}; do
      if (exec 3<>"/dev/tcp/127.0.0.1/$(port "$p")") 2>/dev/null; then
        echo "bench startup: port $(port "$p") is taken; set PORT_OFFSET to another value" >&2; exit 1
      fi
    done
  done
}

# ---- one service alone --------------------------------------------------------------------------------------
# service variant round: one start; a line of RAW: alone service variant ready_ms started_s cpu_ms rss_mb
alone() {
  local log="$LOGS/$1-$2-$3.log" t0 pid i ms
  t0=$(now_ms)
  launch "$1" "$2" "$log"
  pid=$LAUNCHED
  until ready "$1"; do
    kill -0 "$pid" 2>/dev/null || { echo "bench startup: $1 ($2) exited; see $log" >&2; exit 1; }
    (($(now_ms) - t0 < 120000)) || { echo "bench startup: $1 ($2) not ready in 120 s; see $log" >&2; exit 1; }
    sleep 0.02
  done
  ms=$(($(now_ms) - t0))
  i=$(cpu_ms "$pid")
  sleep "$IDLE_SECONDS"
  printf 'alone\t%s\t%s\t%s\t%s\t%s\t%s\n' "$1" "$2" "$ms" "$(started_in "$log")" "$i" "$(rss_mb "$pid")" >>"$RAW"
  stop "$pid"
}

# ---- all at once ----------------------------------------------------------------------------------------------
# variant round: every service launched at once; lines of RAW: together service variant ready_ms started_s cpu_ms
# rss_idle rss_loaded, and together ALL variant ms-until-the-last-is-ready
together() {
  local variant=$1 round=$2 t0 svc left=() waiting pid
  declare -A pids=() ms=() cpu=() idle=()
  t0=$(now_ms)
  for svc in "${SERVICES[@]}"; do launch "$svc" "$variant" "$LOGS/all-$svc-$variant-$round.log"; pids[$svc]=$LAUNCHED; done
  left=("${SERVICES[@]}")
  while ((${#left[@]})); do
    waiting=()
    for svc in "${left[@]}"; do
      kill -0 "${pids[$svc]}" 2>/dev/null || { echo "bench startup: $svc exited; see $LOGS/all-$svc-$variant-$round.log" >&2; exit 1; }
      if ready "$svc"; then ms[$svc]=$(($(now_ms) - t0)); cpu[$svc]=$(cpu_ms "${pids[$svc]}"); else waiting+=("$svc"); fi
    done
    left=("${waiting[@]}")
    (($(now_ms) - t0 < 180000)) || { echo "bench startup: not all ready in 180 s: ${left[*]}" >&2; exit 1; }
    ((${#left[@]})) && sleep 0.02
  done
  printf 'together\tALL\t%s\t%s\n' "$variant" "$(($(now_ms) - t0))" >>"$RAW"
  sleep "$IDLE_SECONDS"
  for svc in "${SERVICES[@]}"; do idle[$svc]=$(rss_mb "${pids[$svc]}"); done
  load
  for svc in "${SERVICES[@]}"; do
    printf 'together\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$svc" "$variant" "${ms[$svc]}" \
      "$(started_in "$LOGS/all-$svc-$variant-$round.log")" "${cpu[$svc]}" "${idle[$svc]}" "$(rss_mb "${pids[$svc]}")" >>"$RAW"
  done
  for svc in "${SERVICES[@]}"; do stop "${pids[$svc]}"; done
}
# LOAD_SECONDS of calls through the gateway, 8 at a time: sums (gateway and math-service over TCP), heroes (gRPC),
# stock (inventory-service over NATS). Orders stay out: they need a caller's token and leave data behind.
load() {
  local gw end; gw="http://127.0.0.1:$(port "${SERVICE_PORT[api-gateway]}")"
  end=$(($(date +%s) + LOAD_SECONDS))
  while (($(date +%s) < end)); do
    curl -s --parallel --parallel-max 8 -H 'content-type: application/json' -d '[1,2,3]' \
      $(printf "$gw/api/math/sum %.0s" {1..100}) >/dev/null 2>&1 &
    curl -s --parallel --parallel-max 4 $(printf "$gw/api/heroes/1 $gw/api/inventory/widget %.0s" {1..50}) >/dev/null 2>&1 || true
    # that one job only: the services are background jobs of this shell too
    wait $! || true
  done
}

# ---- report ---------------------------------------------------------------------------------------------------
median() { sort -n | awk '{v[NR] = $1} END {if (NR == 0) print "-"; else if (NR % 2) print v[(NR + 1) / 2]; else print int((v[NR / 2] + v[NR / 2 + 1]) / 2)}'; }
medianf() { sort -g | awk '{v[NR] = $1} END {if (NR == 0) print "-"; else print v[int((NR + 1) / 2)]}'; }
col() { # mode service variant column -> the values
  awk -F'\t' -v m="$1" -v s="$2" -v v="$3" -v c="$4" '$1 == m && $2 == s && $3 == v && $c != "" {print $c}' "$RAW"
}
ratio() { awk -v a="$1" -v b="$2" 'BEGIN {if (a == "-" || b == "-" || b == 0) print "-"; else printf "%.2f", a / b}'; }
report_alone() { # the variant the ratios are against
  local ref=$1 svc v
  echo "Each service alone (ready: launch to /q/health/ready 200; cpu: CPU ms the JVM used until then; x: against $ref)"
  printf '%-20s %-10s %9s %10s %7s %7s   %s\n' service variant "ready ms" "started s" "cpu ms" "RSS MB" "x ready   x cpu   x RSS"
  for svc in "${SERVICES[@]}"; do
    for v in "${VARIANTS[@]}"; do
      local m=() c
      for c in 4 6 7; do m+=("$(col alone "$svc" "$v" "$c" | median)"); done
      printf '%-20s %-10s %9s %10s %7s %7s   %7s %7s %7s\n' "$svc" "$v" "${m[0]}" "$(col alone "$svc" "$v" 5 | medianf)" "${m[1]}" "${m[2]}" \
        "$(ratio "${m[0]}" "$(col alone "$svc" "$ref" 4 | median)")" "$(ratio "${m[1]}" "$(col alone "$svc" "$ref" 6 | median)")" \
        "$(ratio "${m[2]}" "$(col alone "$svc" "$ref" 7 | median)")"
    done
  done
}
report() {
  local svc v
  echo "Start-up and memory, $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores, $(java -version 2>&1 | head -1)"
  echo "JVM options: ${SERVICE_JVM_OPTS[*]}${BASELINE:+ (baseline: $BASELINE_JVM_OPTS, the jars of $BASELINE)}; medians of $ROUNDS starts alone; RSS after ${IDLE_SECONDS}s idle"
  echo
  local ref=default; [[ -n "${BASELINE:-}" ]] && ref=baseline
  ((ROUNDS > 0)) && report_alone "$ref"
  echo
  echo "All ${#SERVICES[@]} started at once (median of $TOGETHER_ROUNDS; RSS idle, then after ${LOAD_SECONDS}s of calls through the gateway)"
  for v in "${VARIANTS[@]}"; do
    printf '%-10s all ready in %s ms:' "$v" "$(col together ALL "$v" 4 | median)"
    for svc in "${SERVICES[@]}"; do
      printf '  %s %s ms %s/%s MB' "${svc%-service}" "$(col together "$svc" "$v" 4 | median)" \
        "$(col together "$svc" "$v" 7 | median)" "$(col together "$svc" "$v" 8 | median)"
    done
    echo
  done
  echo
  echo "Figures compare within this run only: the machine is shared, and another run sees another load."
}

# ---- the run --------------------------------------------------------------------------------------------------
free_ports
if [[ -n "${BASELINE:-}" ]]; then
  # copied first: a checkout that someone rebuilds during the run would change under it
  for svc in "${SERVICES[@]}"; do
    rm -rf "$OUT/baseline/$svc" && mkdir -p "$OUT/baseline" && cp -r "$BASELINE/$svc/target/quarkus-app" "$OUT/baseline/$svc"
  done
  VARIANTS=(baseline "${VARIANTS[@]}")
fi
echo "training the AOT caches (logs: $LOGS)"
for svc in "${SERVICES[@]}"; do
  # trained once per build (a build removes the cache)
  aot_fresh "$(app "$svc")" && { echo "  $svc: $(du -m "$(cache_of "$svc" aot)" | cut -f1) MB (trained before, same build)"; continue; }
  # shellcheck disable=SC2046
  aot_train "$(cache_of "$svc" aot)" "$(app "$svc")" "$LOGS/train-$svc.log" "$(port "${MANAGEMENT_PORT[$svc]}")" \
    "${SERVICE_JVM_OPTS[@]}" -Dnest.security.refuse-development-secrets=false $(ports "$svc") $(isolation "$svc") ||
    { echo "bench startup: no AOT cache for $svc; see $LOGS/train-$svc.log" >&2; exit 1; }
  echo "  $svc: $(du -m "$(cache_of "$svc" aot)" | cut -f1) MB"
done
# ROUNDS=0: all at once only
for ((r = 1; r <= ROUNDS; r++)); do
  echo "round $r of $ROUNDS: each service alone"
  for svc in "${SERVICES[@]}"; do for v in "${VARIANTS[@]}"; do alone "$svc" "$v" "$r"; done; done
done
TOGETHER_ROUNDS=${TOGETHER_ROUNDS:-2}
for ((r = 1; r <= TOGETHER_ROUNDS; r++)); do
  for v in "${VARIANTS[@]}"; do echo "all at once: $v, round $r"; together "$v" "$r"; done
done
report | tee "$RESULT"
echo "written to $RESULT (every start: $RAW)"
