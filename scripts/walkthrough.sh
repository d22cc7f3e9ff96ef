#!/usr/bin/env bash
# Runs the README's curl walkthrough (the block between <!-- compose-smoke:begin --> and <!-- compose-smoke:end -->)
# against a running system; each line must succeed (curl -f). Optional PORT=ADDRESS arguments send what the README
# addresses as localhost:PORT to ADDRESS instead (CI's compose stack: the gateway on 18080, its management port
# inside the compose network).
#   scripts/walkthrough.sh                                        against ./dev up
#   scripts/walkthrough.sh 8080=127.0.0.1:18080 9000=172.18.0.9:9000   against .ci/compose-smoke.sh's stack
# DEV=COMMAND runs COMMAND where a line says ./dev (the compose smoke answers ./dev token from the stack's own secrets).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
MAP="$*"
walk=$(sed -n '/<!-- compose-smoke:begin -->/,/<!-- compose-smoke:end -->/p' "$ROOT/README.md" | grep -E '^\s*curl ' || true)
[[ -n "$walk" ]] || { echo "README.md has no curl lines between <!-- compose-smoke:begin --> and <!-- compose-smoke:end -->" >&2; exit 1; }
# every line from an array, and each run with no stdin: a command that reads stdin (docker-compose run, say) must not
# swallow the lines after its own
mapfile -t lines <<<"$walk"
count=0
for line in "${lines[@]}"; do
  cmd=$(MAP="$MAP" perl -pe 'BEGIN { %to = map { split /=/, $_, 2 } split " ", $ENV{MAP} }
    s/(?:localhost|127\.0\.0\.1):(\d+)/$to{$1} \/\/ "127.0.0.1:$1"/ge' <<<"$line")
  [[ -z "${DEV:-}" ]] || cmd=${cmd//.\/dev /$DEV }
  if ! out=$(bash -c "${cmd/curl /curl -fS --max-time 15 }" 2>&1 </dev/null); then
    echo "walkthrough FAILED: $cmd" >&2
    echo "$out" >&2
    exit 1
  fi
  count=$((count + 1))
  printf 'walkthrough ok: %s  (%s bytes)\n' "$cmd" "$(wc -c <<<"$out" | tr -d ' ')"
done
((count == ${#lines[@]})) || { echo "walkthrough: only $count of ${#lines[@]} lines ran" >&2; exit 1; }
echo "walkthrough: all $count calls answered"
