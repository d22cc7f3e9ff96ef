#!/bin/bash
# Applies a kafka.acls file (scripts/access/kafka.acls): for each line, AclCommand --add with the line's arguments.
# Usage: apply-acls <acls file> <bootstrap server> <admin client properties>; KAFKA_HOME: the jars are in libs/.
# Adding an ACL that is there already changes nothing, so it runs at every start. A refused line fails the whole.
set -euo pipefail
acls=$1 bootstrap=$2 admin=$3
libs=${KAFKA_HOME:-/opt/kafka}/libs
n=0 tries=30
while IFS= read -r line || [[ -n $line ]]; do
  read -r -a args <<<"${line%%#*}" # an array of words, never globbed: '*' stays the wildcard
  ((${#args[@]})) || continue
  n=$((n + 1))
  # the broker listens before it knows its users: the first line may wait a while; a bad line fails soon
  for attempt in $(seq 1 "$tries"); do
    if out=$(java -Xmx128m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -cp "$libs/*" org.apache.kafka.tools.AclCommand \
      --bootstrap-server "$bootstrap" --command-config "$admin" --add "${args[@]}" 2>&1); then
      tries=3
      break
    elif ((attempt == tries)); then
      printf 'apply-acls: %s: line %d (%s) failed:\n%s\n' "$acls" "$n" "${args[*]}" "$out" >&2
      exit 1
    fi
    sleep 1
  done
done <"$acls"
echo "apply-acls: $n ACL lines of $acls are in"
