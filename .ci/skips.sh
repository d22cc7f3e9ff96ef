#!/usr/bin/env bash
# Counts the tests that were skipped in the last ./mvnw verify (surefire's reports) and fails on any: in CI a skip is a
# check that never ran. A skip that is meant to be may be listed below, one "Class#method reason" per line.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
ALLOWED=()
skipped=$(python3 - "${ALLOWED[@]}" <<'PY'
import glob, sys, xml.etree.ElementTree as ET
allowed = {a.split()[0] for a in sys.argv[1:]}
out = []
for report in glob.glob("*/target/surefire-reports/TEST-*.xml"):
    for case in ET.parse(report).getroot().iter("testcase"):
        if case.find("skipped") is not None:
            name = case.get("classname", "?") + "#" + case.get("name", "?")
            if name not in allowed:
                out.append(name + ": " + (case.find("skipped").get("message") or ""))
print("\n".join(out))
PY
)
count=$(printf '%s' "$skipped" | grep -c . || true)
echo "skipped tests: $count"
if [[ "$count" -gt 0 ]]; then
  printf '%s\n' "$skipped"
  echo "a skipped test in CI is a check that never ran: install what it names, or list it in .ci/skips.sh with a reason" >&2
  exit 1
fi
