#!/usr/bin/env bash
# CI: the service template works. In a throwaway clone of HEAD (build/new-service-check, never the live checkout):
#  1. ./dev new-service demo-service, and every list it must join says so (pom.xml, services.txt, k8s/base, compose);
#  2. a reactor build of it (-am, no install: ~/.m2 is shared) that runs its own tests (a real NestJS client calls it,
#     health and metrics) and the k8s module's checks that see it (the services list agrees, its manifests are
#     hardened like the others and pass the schema and NetworkPolicy rules); docker compose accepts its block;
#  3. its jar started on free ports, and a real NestJS ClientProxy (the pinned Nest 11 and 12 packages of
#     shared-transport/src/test/nest) sends {cmd:'ping'} over TCP and gets the answer; then it is stopped.
# Any step that fails stops the check with a message that names it. Needs what ./dev test needs (JDK 21+, node and npm,
# kubectl, docker-compose) and a ~/.m2 that ./dev test has filled: the build runs offline.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SCRATCH="$ROOT/build/new-service-check"
NAME=demo-service
started=$SECONDS
pid=""

step() { printf '\n== new-service check: %s (%ds)\n' "$*" $((SECONDS - started)); }
fail() { printf '\nnew-service check FAILED: %s\n' "$*" >&2; exit 1; }
cleanup() {
  local rc=$?
  if [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null; then kill "$pid"; wait "$pid" 2>/dev/null || true; fi
  if ((rc != 0)) && [[ -f "$SCRATCH/$NAME.log" ]]; then printf '%s log (last 40 lines):\n' "$NAME" >&2; tail -40 "$SCRATCH/$NAME.log" >&2; fi
  rm -rf "$SCRATCH"
  exit "$rc"
}
trap cleanup EXIT

step "a clone of HEAD in $SCRATCH"
rm -rf "$SCRATCH"
git clone --quiet --no-checkout "$ROOT" "$SCRATCH"
git -C "$SCRATCH" checkout --quiet --detach "$(git -C "$ROOT" rev-parse HEAD)"
cd "$SCRATCH"
JAVA_HOME="$(./dev java)"; export JAVA_HOME PATH="$JAVA_HOME/bin:$PATH"

step "./dev new-service $NAME"
./dev new-service "$NAME"
./dev new-service "$NAME" >/dev/null 2>&1 && fail "a second ./dev new-service $NAME was not refused"
[[ -f $NAME/pom.xml && -f k8s/base/$NAME/deployment.yaml ]] || fail "$NAME/ or k8s/base/$NAME/ not made"
grep -q "<module>$NAME</module>" pom.xml || fail "$NAME is not a module of pom.xml"
grep -q "^$NAME[[:space:]]" services.txt || fail "$NAME is not in services.txt"
grep -qx "  - $NAME" k8s/base/kustomization.yaml || fail "$NAME is not in k8s/base/kustomization.yaml"
grep -qx "  $NAME:" docker-compose.yml || fail "$NAME is not a service of docker-compose.yml"
read -r _ HTTP MANAGEMENT EXTRA < <(grep "^$NAME[[:space:]]" services.txt)
echo "services.txt: $NAME http $HTTP, management $MANAGEMENT, $EXTRA"

step "docker compose accepts its block"
./dev secrets >/dev/null # .env (compose's passwords) and k8s/base/*.env (kustomize's Secrets), in the scratch copy
if command -v docker-compose >/dev/null; then docker-compose config -q
elif docker compose version >/dev/null 2>&1; then docker compose config -q
else fail "neither docker-compose nor docker compose is installed (apt-get install docker-compose)"; fi

step "build $NAME with its tests and the k8s checks that see it (offline reactor build, no install)"
# ComposeFileTests: its compose block is built by the root Dockerfile and image-named as k8s runs it (all but the
# README's memory total, which states the shipped system's).
./mvnw -B -o -q package -pl "$NAME,k8s" -am -Dtools.required=true -Dsurefire.failIfNoSpecifiedTests=false \
  -Dtest='Demo*Tests,ServicesListTests,HardeningTests,NetworkPolicyTests,KustomizeSchemaTests,ComposeFileTests,!ComposeFileTests#theReadmeStatesTheTotalMemoryLimit' \
  >build.log 2>&1 ||
  { grep -E '^\[ERROR\]|FAIL' build.log | head -40 >&2; fail "the build or a test of $NAME failed (see above)"; }
for report in "$NAME/target/surefire-reports/TEST-org.acme.demo.DemoFromNestTests.xml" "k8s/target/surefire-reports/TEST-org.acme.deploy.HardeningTests.xml"; do
  [[ -f $report ]] || fail "$report is missing: the test did not run"
  grep -q 'skipped="0"' "$report" || fail "$report skipped tests"
done

step "start its jar on free ports"
free_port() { node -e 's = require("net").createServer().listen(0, "127.0.0.1", () => { console.log(s.address().port); s.close() })'; }
tcp=$(free_port); http=$(free_port); management=$(free_port)
QUARKUS_HTTP_PORT=$http QUARKUS_MANAGEMENT_PORT=$management NEST_SERVER_TCP_PORT=$tcp \
  java -Xmx128m -jar "$NAME/target/quarkus-app/quarkus-run.jar" >"$NAME.log" 2>&1 &
pid=$!
for ((i = 0; i < 240; i++)); do
  curl -fs "http://127.0.0.1:$management/q/health/ready" >/dev/null 2>&1 && break
  kill -0 "$pid" 2>/dev/null || fail "$NAME exited at start"
  sleep 0.25
done
curl -fs "http://127.0.0.1:$management/q/health/ready" >/dev/null || fail "$NAME is not ready after 60 s"
echo "$NAME ready: TCP $tcp, HTTP $http, management $management"

step "a real NestJS ClientProxy calls {cmd:'ping'} over TCP"
for nest in 11 12; do
  # the build's Nest tests installed the pinned packages already; installed here if a change ever skips them
  [[ -d shared-transport/src/test/nest/v$nest/node_modules ]] || (cd "shared-transport/src/test/nest/v$nest" && npm ci --no-audit --no-fund -s)
  request=$(printf '{"transport":"TCP","options":{"host":"127.0.0.1","port":%d},"timeoutMs":5000,"calls":[{"op":"send","pattern":{"cmd":"ping"},"data":{"message":"hello from Nest %s"}}]}' "$tcp" "$nest")
  out=$(cd shared-transport/src/test/nest/peers && NEST_VERSION=$nest timeout 60 node nest-client.mjs "$request") ||
    fail "the NestJS $nest client failed: $out"
  answer=$(printf '%s\n' "$out" | grep '^{"results":' | tail -1)
  expected="{\"results\":[{\"ok\":true,\"values\":[{\"message\":\"hello from Nest $nest\",\"service\":\"$NAME\"}]}]}"
  [[ "$answer" == "$expected" ]] || fail "NestJS $nest got '$answer', expected '$expected'"
  echo "NestJS $nest: $answer"
done

step "stop it"
kill "$pid"; wait "$pid" 2>/dev/null || true; pid=""
echo "new-service check passed in $((SECONDS - started)) s"
