# Sourced by ./dev and scripts/bench-startup.sh: how a service's JVM runs outside a container, and its AOT cache.
#
#   SERVICE_JVM_OPTS        the options ./dev up starts every service with: the heap and GC that the root Dockerfile
#                           gives a service under docker-compose.yml's 384m limit (-XX:MaxRAM stands in for the
#                           container's limit, so the heap comes out as it does there: at most 60% of 384m, starting
#                           small; without it the JVM sizes the heap from the whole machine's memory)
#   aot_cache DIR           the AOT cache of a built service (DIR = its target/quarkus-app): app.aot
#   aot_fresh DIR           true when that cache exists and is newer than every jar of the build (a rebuild makes
#                           it stale: the JVM then refuses it, with a warning, and starts without it)
#   aot_train CACHE DIR LOG PORT ...  a training run (JDK 25, JEP 514/515): starts the service with -XX:AOTCacheOutput and
#                           the given options, waits for ready on the management port it was given, stops it; the
#                           JVM writes the cache as it exits (the classes it loaded, linked, and the methods' profiles)
SERVICE_JVM_OPTS=(-XX:MaxRAM=384m -XX:MaxRAMPercentage=60 -XX:+UseSerialGC -XX:+ExitOnOutOfMemoryError)

aot_cache() { printf '%s/app.aot\n' "$1"; }
aot_fresh() {
  local cache; cache=$(aot_cache "$1")
  [[ -f "$cache" ]] && [[ -z "$(find "$1" -name '*.jar' -newer "$cache" -print -quit)" ]]
}
# CACHE DIR LOG MANAGEMENT_PORT java-options...   (the jar by its absolute path, in training and in use alike: the
# JVM checks that the class path it runs with is the one the cache was made with)
aot_train() {
  local cache=$1 dir=$2 log=$3 management=$4 pid i
  shift 4
  rm -f "$cache"
  java -XX:AOTCacheOutput="$cache" "$@" -jar "$dir/quarkus-run.jar" >"$log" 2>&1 &
  pid=$!
  for ((i = 0; i < 600; i++)); do
    curl -fs -o /dev/null "http://127.0.0.1:$management/q/health/ready" && break
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.1
  done
  kill "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  [[ -f "$cache" ]]
}
