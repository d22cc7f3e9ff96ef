// A real, unmodified NestJS ClientProxy for any transport, driven by the Java interop tests.
// usage: node nest-client.js '<json>'   with
//   { "transport": "TCP|REDIS|NATS|MQTT|RMQ|KAFKA", "options": {...Nest client options...},
//     "concurrent": false, "timeoutMs": 5000,
//     "calls": [ { "op": "send"|"emit", "pattern": <string or object>, "data": <any> }, ... ] }
// prints one JSON line: { "results": [ { "ok": true, "values": [...] } | { "ok": false, "err": <raw err>, "timeout": bool } ] }
'use strict';
require('reflect-metadata');
const { ClientProxyFactory, Transport } = require('@nestjs/microservices');
const { lastValueFrom, toArray, timeout, TimeoutError } = require('rxjs');

async function main() {
  const config = JSON.parse(process.argv[2]);
  const client = ClientProxyFactory.create({ transport: Transport[config.transport], options: config.options || {} });
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
      if (call.op === 'emit') {
        await lastValueFrom(client.emit(call.pattern, call.data), { defaultValue: undefined });
        return { ok: true, values: [] };
      }
      const values = await lastValueFrom(client.send(call.pattern, call.data).pipe(timeout(limit), toArray()));
      return { ok: true, values };
    } catch (err) {
      if (err instanceof TimeoutError) return { ok: false, timeout: true };
      return { ok: false, err: err instanceof Error ? { name: err.name, message: err.message } : err };
    }
  };
  const results = config.concurrent
    ? await Promise.all(config.calls.map(run))
    : await config.calls.reduce(async (acc, call) => [...(await acc), await run(call)], Promise.resolve([]));
  process.stdout.write(JSON.stringify({ results }) + '\n');
  await client.close();
}

main().then(() => process.exit(0), (err) => {
  process.stderr.write(String(err && err.stack || err) + '\n');
  process.exit(1);
});
