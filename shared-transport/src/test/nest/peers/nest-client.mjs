// A real, unmodified NestJS ClientProxy for any transport, driven by the Java interop tests.
// usage: NEST_VERSION=11|12 node nest-client.mjs '<json>'   with
//   { "transport": "TCP|REDIS|NATS|MQTT|RMQ|KAFKA", "options": {...Nest client options...},
//     "concurrent": false, "timeoutMs": 5000,
//     "metadata": { ... }   (Nest 12: set on every packet by ClientProxy#setOnDispatchHook),
//     "calls": [ { "op": "send"|"emit", "pattern": <string or object>, "data": <any>,
//                  "headers": { ... } (through Nest's own record form: NATS, RMQ and Kafka) }, ... ] }
// prints one JSON line: { "results": [ { "ok": true, "values": [...] } | { "ok": false, "err": <raw err>, "timeout": bool } ] }
import { loadPackage, micro, rxjs, VERSION } from './nest.mjs';

const { ClientProxyFactory, Transport, NatsRecordBuilder, RmqRecordBuilder } = micro;
const { lastValueFrom, toArray, timeout, TimeoutError } = rxjs;

// Nest's way to put headers on a message of each transport that has them; the others have none.
async function withHeaders(transport, data, headers) {
  if (!headers) return data;
  switch (transport) {
    case 'NATS': {
      const nats = await loadPackage(VERSION === '12' ? '@nats-io/transport-node' : 'nats');
      const natsHeaders = nats.headers();
      Object.entries(headers).forEach(([key, value]) => natsHeaders.set(key, value));
      return new NatsRecordBuilder(data).setHeaders(natsHeaders).build();
    }
    case 'RMQ':
      return new RmqRecordBuilder(data).setOptions({ headers }).build();
    case 'KAFKA':
      return { value: data, headers };
    default:
      throw new Error(`Nest has no headers on ${transport}`);
  }
}

const config = JSON.parse(process.argv[2]);
const client = ClientProxyFactory.create({ transport: Transport[config.transport], options: config.options || {} });
if (config.metadata) {
  if (!client.setOnDispatchHook) throw new Error(`NestJS ${VERSION} has no ClientProxy#setOnDispatchHook`);
  client.setOnDispatchHook((packet) => { packet.metadata = config.metadata; });
}
if (config.transport === 'KAFKA') {
  // Nest's Kafka client must subscribe to every reply topic before it connects.
  for (const call of config.calls) {
    if (call.op === 'send') client.subscribeToResponseOf(call.pattern);
  }
}
await client.connect();
const limit = config.timeoutMs || 5000;
const run = async (call) => {
  try {
    const data = await withHeaders(config.transport, call.data, call.headers);
    if (call.op === 'emit') {
      await lastValueFrom(client.emit(call.pattern, data), { defaultValue: undefined });
      return { ok: true, values: [] };
    }
    const values = await lastValueFrom(client.send(call.pattern, data).pipe(timeout(limit), toArray()));
    return { ok: true, values };
  } catch (err) {
    if (err instanceof TimeoutError) return { ok: false, timeout: true };
    return { ok: false, err: err instanceof Error ? { name: err.name, message: err.message } : err };
  }
};
try {
  const results = config.concurrent
    ? await Promise.all(config.calls.map(run))
    : await config.calls.reduce(async (acc, call) => [...(await acc), await run(call)], Promise.resolve([]));
  process.stdout.write(JSON.stringify({ results }) + '\n');
  await client.close();
  process.exit(0);
} catch (err) {
  process.stderr.write(String(err && err.stack || err) + '\n');
  process.exit(1);
}
