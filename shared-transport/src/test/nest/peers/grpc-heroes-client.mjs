// A real NestJS gRPC client (ClientGrpc from @nestjs/microservices) calling hero.HeroesService.
// It loads the one hero.proto of shared-contracts, calls every RPC and prints what it saw as one JSON line.
//   node grpc-heroes-client.js --url 127.0.0.1:5000
'use strict';
require('reflect-metadata');
const path = require('node:path');
const { ClientProxyFactory, Transport } = require('@nestjs/microservices');
const { lastValueFrom, toArray, take } = require('rxjs');

const PROTO = path.resolve(__dirname, '../../../../shared-contracts/src/main/proto/hero.proto');

function arg(name, fallback) {
  const at = process.argv.indexOf(`--${name}`);
  return at > 0 ? process.argv[at + 1] : fallback;
}

// grpc-js errors carry the numeric status code and the server's message in `details`.
async function outcome(observable) {
  try {
    return { ok: await lastValueFrom(observable) };
  } catch (err) {
    return { code: err.code, details: err.details };
  }
}

async function main() {
  const client = ClientProxyFactory.create({
    transport: Transport.GRPC,
    options: { package: 'hero', protoPath: PROTO, url: arg('url', '127.0.0.1:5000') },
  });
  const heroes = client.getService('HeroesService');
  const result = {
    findOne: await outcome(heroes.findOne({ id: 1 })),
    unknown: await outcome(heroes.findOne({ id: 4242 })),
    zero: await outcome(heroes.findOne({ id: 0 })),
    findMany: await outcome(heroes.findMany({})),
    stream: await lastValueFrom(heroes.streamHeroes({}).pipe(toArray())),
    // take(2) unsubscribes after the second hero, which cancels the call on the server.
    firstTwo: await lastValueFrom(heroes.streamHeroes({}).pipe(take(2), toArray())),
  };
  process.stdout.write(JSON.stringify(result) + '\n');
  client.close();
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
