#!/usr/bin/env bash
# Runs the README's curl walkthrough (the block between <!-- compose-smoke:begin --> and <!-- compose-smoke:end -->)
# against a running system; each line must succeed (curl -f). An optional port offset moves every localhost port
# (CI's compose stack runs on ports +10000).
#   scripts/walkthrough.sh          against ./dev up
#   scripts/walkthrough.sh 10000    against .ci/docker-compose.ci.yml
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
OFFSET="${1:-0}"
walk=$(sed -n '/<!-- compose-smoke:begin -->/,/<!-- compose-smoke:end -->/p' "$ROOT/README.md" | grep -E '^\s*curl ' || true)
[[ -n "$walk" ]] || { echo "README.md has no curl lines between <!-- compose-smoke:begin --> and <!-- compose-smoke:end -->" >&2; exit 1; }
count=0
while IFS= read -r line; do
  cmd=$(OFFSET="$OFFSET" perl -pe 's/(localhost|127\.0\.0\.1):(\d+)/"127.0.0.1:".($2+$ENV{OFFSET})/ge' <<<"$line")
  if ! out=$(bash -c "${cmd/curl /curl -fS --max-time 15 }" 2>&1); then
    echo "walkthrough FAILED: $cmd" >&2
    echo "$out" >&2
    exit 1
  fi
  count=$((count + 1))
  printf 'walkthrough ok: %s  (%s bytes)\n' "$cmd" "$(wc -c <<<"$out" | tr -d ' ')"
done <<<"$walk"
echo "walkthrough: all $count calls answered"
