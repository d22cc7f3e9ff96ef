// A load driver on a real, unmodified NestJS ClientProxy: the same client for the Nest math server and for ours, so
// that a benchmark compares servers and not clients.
// usage: NEST_VERSION=11|12 node nest-bench-client.mjs '<json>'   with
//   { "transport": "TCP|REDIS|NATS|MQTT|RMQ|KAFKA", "options": {...Nest client options...}, "pattern": <string or object>,
//     "data": <any>, "concurrency": 64, "warmupMs": 5000, "measureMs": 10000, "timeoutMs": 10000 }
// Closed loop: each of `concurrency` callers sends its next request when the previous one is answered; the warm-up's
// calls are not counted. Prints one JSON line: { "requests", "perSecond", "p50", "p99" (ms), "errors", "timeouts" }.
import { micro, rxjs } from './nest.mjs';

const { ClientProxyFactory, Transport } = micro;
const { lastValueFrom, timeout, TimeoutError } = rxjs;

const config = JSON.parse(process.argv[2]);
const client = ClientProxyFactory.create({ transport: Transport[config.transport], options: config.options || {} });
if (config.transport === 'KAFKA') client.subscribeToResponseOf(config.pattern);
await client.connect();

const concurrency = config.concurrency || 64;
const limit = config.timeoutMs || 10000;
let recording = false;
let stopping = false;
let errors = 0;
let timeouts = 0;
const latencies = [];

async function caller() {
  while (!stopping) {
    const started = process.hrtime.bigint();
    try {
      await lastValueFrom(client.send(config.pattern, config.data).pipe(timeout(limit)));
      if (recording) latencies.push(Number(process.hrtime.bigint() - started) / 1e6);
    } catch (err) {
      if (!recording) continue;
      if (err instanceof TimeoutError) timeouts++;
      else errors++;
    }
  }
}

// Nest's MQTT and Redis clients count the requests waiting on a reply channel and unsubscribe when the count drops to
// 0; a request that starts then subscribes again, and one that started before the UNSUBSCRIBE went out loses its
// reply (the wire-protocol notes). 64 callers hit that window now and then, and the burst at the start always, so
// one request is published through the client's own publish() and its clean-up never called: the count stays above 0
// and the channel subscribed for the whole run, for both servers alike.
if (client.subscriptionsCount) {
  await new Promise((resolve) => client.publish({ pattern: config.pattern, data: config.data }, resolve));
}
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const callers = Array.from({ length: concurrency }, caller);
await sleep(config.warmupMs ?? 5000);
recording = true;
const from = process.hrtime.bigint();
await sleep(config.measureMs ?? 10000);
recording = false;
const seconds = Number(process.hrtime.bigint() - from) / 1e9;
stopping = true;
await Promise.all(callers);

latencies.sort((a, b) => a - b);
const at = (p) => (latencies.length ? latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))] : null);
process.stdout.write(JSON.stringify({
  requests: latencies.length, perSecond: latencies.length / seconds, p50: at(0.5), p99: at(0.99), errors, timeouts,
}) + '\n');
await client.close();
process.exit(0);
