#!/usr/bin/env bash
# CI: the service template works, on TCP and on brokers. In a throwaway clone of HEAD (build/new-service-check, never
# the live checkout):
#  1. ./dev new-service demo-service (TCP), demo-nats-service --transport nats and demo-rmq-service --transport rmq, and
#     every list they must join says so (pom.xml, services.txt, k8s/base, compose; a broker's user, rules and password);
#  2. ONE reactor build of the three (-am, no install: ~/.m2 is shared) that runs their own tests (real NestJS clients
#     call each on its transport; health and metrics), NatsAccessTests on the policy with the new user in it, and the
#     k8s module's checks that see them (services list, hardening, schema, NetworkPolicies, every broker login is the
#     service's own); docker compose accepts their blocks. (ConfigConsistencyTests needs every module compiled: ./dev
#     test runs it on a repository with generated services);
#  3. each jar started on free ports against the shared brokers on 127.0.0.1 (no credentials, as under ./dev up), and
#     the pinned NestJS 11 and 12 ClientProxy of shared-transport/src/test/nest send {cmd:'ping'} on its transport;
#  4. the NATS service again, against a private nats-server with credentials on and the generated scripts/access
#     policy: it answers as its own user, and that user may not send requests of its own.
# Any step that fails stops the check with a message that names it. Needs what ./dev test needs (JDK 21+, node and npm,
# kubectl, docker-compose, nats-server) and a ~/.m2 that ./dev test has filled: the build runs offline.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SCRATCH="$ROOT/build/new-service-check"
started=$SECONDS
run_id="check-$$-$RANDOM" # this run's NATS queue group and RabbitMQ queue: another run on the shared brokers takes none of ours
pids=()

step() { printf '\n== new-service check: %s (%ds)\n' "$*" $((SECONDS - started)); }
fail() { printf '\nnew-service check FAILED: %s\n' "$*" >&2; exit 1; }
# a stopped process's status is 143 (SIGTERM): expected here, so it must not end the check (set -e)
stop_all() { local pid; for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; done; pids=(); }
cleanup() {
  local rc=$? log
  stop_all
  if ((rc != 0)); then for log in "$SCRATCH"/*.log; do [[ -f $log && $log != */build.log ]] && { printf '%s (last 30 lines):\n' "$log" >&2; tail -30 "$log" >&2; }; done; fi
  # the RabbitMQ queue the rmq service declared on the shared broker (durable), and its dead letters
  [[ -d "$SCRATCH/shared-transport/src/test/nest/v11/node_modules/amqplib" ]] && (cd "$SCRATCH/shared-transport/src/test/nest/v11" &&
    node -e 'require("amqplib").connect("amqp://guest:guest@127.0.0.1:5672").then(async c => { const ch = await c.createChannel();
      for (const q of process.argv.slice(1)) await ch.deleteQueue(q); await c.close() })' "demo_rmq_queue.$run_id" "demo_rmq_queue.$run_id.dlq") || true
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

step "./dev new-service: demo-service (tcp), demo-nats-service (nats), demo-rmq-service (rmq)"
./dev new-service demo-service
./dev new-service demo-nats-service --transport nats
./dev new-service demo-rmq-service --transport rmq
./dev new-service demo-service >/dev/null 2>&1 && fail "a second ./dev new-service demo-service was not refused"
./dev new-service demo-x-service --transport smtp >/dev/null 2>&1 && fail "an unknown transport was not refused"
for name in demo-service demo-nats-service demo-rmq-service; do
  [[ -f $name/pom.xml && -f k8s/base/$name/deployment.yaml ]] || fail "$name/ or k8s/base/$name/ not made"
  grep -q "<module>$name</module>" pom.xml || fail "$name is not a module of pom.xml"
  grep -q "^$name[[:space:]]" services.txt || fail "$name is not in services.txt"
  grep -qx "  - $name" k8s/base/kustomization.yaml || fail "$name is not in k8s/base/kustomization.yaml"
  grep -qx "  $name:" docker-compose.yml || fail "$name is not a service of docker-compose.yml"
done
grep -q 'user: demo-nats-service, password: \$DEMO_NATS_SERVICE_BROKER_PASSWORD' scripts/access/nats.conf || fail "no NATS user for demo-nats-service"
grep -q '^demo-rmq-service ' scripts/access/rabbitmq.users || fail "no RabbitMQ user for demo-rmq-service"
for name in demo-nats-service demo-rmq-service; do
  secret="$(tr 'a-z-' 'A-Z_' <<<"$name")_BROKER_PASSWORD"
  ./dev secret "$secret" >/dev/null || fail "./dev secrets does not make $secret (k8s's Secret)"
  # compose: the stack's secrets maker writes its password into a volume of its own, which it alone mounts
  grep -qx "      - $name-secrets:/secrets/services/$name" docker-compose.yml && grep -qx "  $name-secrets:" docker-compose.yml \
    || fail "compose's secrets service makes no share for $name"
  grep -qF "volumes: [\"$name-secrets:/run/secrets/nest:ro\"]" docker-compose.yml || fail "$name does not mount its secrets"
done
read -r _ _ _ TCP_EXTRA < <(grep "^demo-service[[:space:]]" services.txt)
echo "services.txt: demo-service $TCP_EXTRA"

step "docker compose accepts their blocks"
./dev secrets >/dev/null # k8s/base/*.env (kustomize's Secrets), in the scratch copy; compose needs nothing made
if command -v docker-compose >/dev/null; then docker-compose config -q
elif docker compose version >/dev/null 2>&1; then docker compose config -q
else fail "neither docker-compose nor docker compose is installed (apt-get install docker-compose)"; fi

step "build the three in one reactor with their tests, the NATS policy's and the k8s checks that see them (offline, no install)"
# ComposeFileTests: their compose blocks are built by the root Dockerfile and image-named as k8s runs them (all but the
# README's memory total, which states the shipped system's). NatsAccessTests starts nats-server with the policy that
# now names demo-nats-service: it must still parse, and the saga's rules still hold.
./mvnw -B -o -q package -pl "demo-service,demo-nats-service,demo-rmq-service,k8s" -am -Dtools.required=true \
  -Dsurefire.failIfNoSpecifiedTests=false -Dtest='Demo*Tests,NatsAccessTests,ServicesListTests,HardeningTests,NetworkPolicyTests,KustomizeSchemaTests,BrokerCredentialsManifestTests,ComposeFileTests,ObservabilityOverlayTests,!ComposeFileTests#theReadmeStatesTheTotalMemoryLimit' \
  >build.log 2>&1 ||
  { grep -E '^\[ERROR\]|FAIL' build.log | head -40 >&2; fail "the build or a test of the generated services failed (see above)"; }
for report in demo-service/target/surefire-reports/TEST-org.acme.demo.DemoFromNestTests.xml \
  demo-nats-service/target/surefire-reports/TEST-org.acme.demonats.DemoNatsFromNestTests.xml \
  demo-rmq-service/target/surefire-reports/TEST-org.acme.demormq.DemoRmqFromNestTests.xml \
  shared-transport/target/surefire-reports/TEST-org.acme.transport.security.NatsAccessTests.xml \
  k8s/target/surefire-reports/TEST-org.acme.deploy.BrokerCredentialsManifestTests.xml; do
  [[ -f $report ]] || fail "$report is missing: the test did not run"
  grep -q 'skipped="0"' "$report" || fail "$report skipped tests"
done

free_port() { node -e 's = require("net").createServer().listen(0, "127.0.0.1", () => { console.log(s.address().port); s.close() })'; }
start() { # name, then VAR=value...: its jar on free HTTP and management ports, until ready
  local name=$1 management i; shift
  management=$(free_port)
  env QUARKUS_HTTP_PORT="$(free_port)" QUARKUS_MANAGEMENT_PORT="$management" "$@" \
    java -Xmx128m -jar "$name/target/quarkus-app/quarkus-run.jar" >>"$name.log" 2>&1 &
  pids+=($!)
  for ((i = 0; i < 240; i++)); do
    # the variables' names only: one of them may be a password
    curl -fs "http://127.0.0.1:$management/q/health/ready" >/dev/null 2>&1 && { echo "$name ready (${*%%=*})"; return; }
    kill -0 "${pids[-1]}" 2>/dev/null || fail "$name exited at start"
    sleep 0.25
  done
  fail "$name is not ready after 60 s"
}
nest_ping() { # Nest version, transport, client options (JSON): the results line of one {cmd:'ping'}
  local request out
  request=$(printf '{"transport":"%s","options":%s,"timeoutMs":5000,"calls":[{"op":"send","pattern":{"cmd":"ping"},"data":{"message":"hello from Nest %s"}}]}' "$2" "$3" "$1")
  out=$(cd shared-transport/src/test/nest/peers && NEST_VERSION=$1 timeout 60 node nest-client.mjs "$request") ||
    fail "the NestJS $1 $2 client failed: $out"
  printf '%s\n' "$out" | grep '^{"results":' | tail -1
}
expect_pong() { # name, transport, client options: NestJS 11 and 12 get the echo from that service
  local nest answer expected
  for nest in 11 12; do
    answer=$(nest_ping "$nest" "$2" "$3")
    expected="{\"results\":[{\"ok\":true,\"values\":[{\"message\":\"hello from Nest $nest\",\"service\":\"$1\"}]}]}"
    [[ "$answer" == "$expected" ]] || fail "NestJS $nest over $2 got '$answer', expected '$expected'"
    echo "NestJS $nest over $2: $answer"
  done
}

step "their jars against the shared brokers (no credentials, as ./dev up), called by real NestJS ClientProxies"
for nest in 11 12; do
  # the build's Nest tests installed the pinned packages already; installed here if a change ever skips them
  [[ -d shared-transport/src/test/nest/v$nest/node_modules ]] || (cd "shared-transport/src/test/nest/v$nest" && npm ci --no-audit --no-fund -s)
done
tcp=$(free_port)
start demo-service NEST_SERVER_TCP_PORT="$tcp"
# ./dev up runs the brokers on their development logins, which a built service refuses unless told so (as ./dev up does)
start demo-nats-service NEST_SERVER_NATS_QUEUE="demo-nats-service.$run_id"
start demo-rmq-service NEST_SERVER_RMQ_QUEUE="demo_rmq_queue.$run_id" NEST_SECURITY_REFUSE_DEVELOPMENT_SECRETS=false
expect_pong demo-service TCP "{\"host\":\"127.0.0.1\",\"port\":$tcp}"
expect_pong demo-nats-service NATS '{"servers":["nats://127.0.0.1:4222"]}'
expect_pong demo-rmq-service RMQ "{\"urls\":[\"amqp://guest:guest@127.0.0.1:5672\"],\"queue\":\"demo_rmq_queue.$run_id\"}"
stop_all

step "demo-nats-service with credentials on: a private nats-server with the generated scripts/access/nats.conf"
mkdir -p nats-auth && cp scripts/access/nats.conf nats-auth/access.conf
nats_port=$(free_port)
printf 'host: 127.0.0.1\nport: %d\ninclude "access.conf"\n' "$nats_port" >nats-auth/server.conf
# every password of .env in nats-server's environment, which it reads the policy's $VARIABLEs from (as compose gives them)
(set -a; source .env; exec nats-server -c nats-auth/server.conf >nats-auth.log 2>&1) &
pids+=($!)
for ((i = 0; i < 40; i++)); do (exec 3<>"/dev/tcp/127.0.0.1/$nats_port") 2>/dev/null && break; sleep 0.25; done
start demo-nats-service NEST_NATS_URL="nats://127.0.0.1:$nats_port" NEST_NATS_USERNAME=demo-nats-service \
  NEST_NATS_PASSWORD="$(./dev secret DEMO_NATS_SERVICE_BROKER_PASSWORD)"
# the gateway's user may send any request: the service takes it with its own rights and answers on the inbox
expect_pong demo-nats-service NATS "{\"servers\":[\"nats://127.0.0.1:$nats_port\"],\"user\":\"api-gateway\",\"pass\":\"$(./dev secret API_GATEWAY_BROKER_PASSWORD)\"}"
# its own user only answers: a request sent with it is refused by the server (Permissions Violation), so no answer
answer=$(nest_ping 12 NATS "{\"servers\":[\"nats://127.0.0.1:$nats_port\"],\"user\":\"demo-nats-service\",\"pass\":\"$(./dev secret DEMO_NATS_SERVICE_BROKER_PASSWORD)\"}")
[[ "$answer" == '{"results":[{"ok":false'*'Permissions Violation'* ]] || fail "demo-nats-service's own NATS user was not refused a request: $answer"
echo "its own user sending a request: refused ($answer)"
stop_all

echo "new-service check passed in $((SECONDS - started)) s"
