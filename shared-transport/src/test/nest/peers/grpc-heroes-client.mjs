// A real NestJS gRPC client (ClientGrpc from @nestjs/microservices) calling hero.HeroesService.
// It loads the one hero.proto of shared-contracts, calls every RPC and prints what it saw as one JSON line.
//   NEST_VERSION=11|12 node grpc-heroes-client.mjs --url 127.0.0.1:5000 [--metadata '{"k":"v"}']
// With --metadata, every call carries it as gRPC metadata (Nest's ClientGrpc takes it as the method's second argument).
import { arg, HERO_PROTO, loadPackage, micro, rxjs } from './nest.mjs';

const { ClientProxyFactory, Transport } = micro;
const { lastValueFrom, toArray, take } = rxjs;
const { Metadata } = await loadPackage('@grpc/grpc-js');

// grpc-js errors carry the numeric status code and the server's message in `details`.
async function outcome(observable) {
  try {
    return { ok: await lastValueFrom(observable) };
  } catch (err) {
    return { code: err.code, details: err.details };
  }
}

const metadata = new Metadata();
Object.entries(JSON.parse(arg('metadata', '{}'))).forEach(([key, value]) => metadata.set(key, value));
const client = ClientProxyFactory.create({
  transport: Transport.GRPC,
  options: { package: 'hero', protoPath: HERO_PROTO, url: arg('url', '127.0.0.1:5000') },
});
try {
  const heroes = client.getService('HeroesService');
  const result = {
    findOne: await outcome(heroes.findOne({ id: 1 }, metadata)),
    unknown: await outcome(heroes.findOne({ id: 4242 }, metadata)),
    zero: await outcome(heroes.findOne({ id: 0 }, metadata)),
    findMany: await outcome(heroes.findMany({}, metadata)),
    stream: await outcome(heroes.streamHeroes({}, metadata).pipe(toArray())),
    // take(2) unsubscribes after the second hero, which cancels the call on the server.
    firstTwo: await outcome(heroes.streamHeroes({}, metadata).pipe(take(2), toArray())),
  };
  process.stdout.write(JSON.stringify(result) + '\n');
  client.close();
  process.exit(0);
} catch (err) {
  console.error(err);
  process.exit(1);
}
