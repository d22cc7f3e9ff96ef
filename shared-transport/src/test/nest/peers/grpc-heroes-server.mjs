// A real NestJS gRPC microservice (NestFactory.createMicroservice, Transport.GRPC, @GrpcMethod handlers) serving
// hero.HeroesService from the one hero.proto of shared-contracts, to stand in for the Java heroes-grpc-service.
//   NEST_VERSION=11|12 node grpc-heroes-server.mjs --url 127.0.0.1:5000      prints "ready" once it listens
// Errors use RpcException({code, message}) so that grpc-js sends the real status, not UNKNOWN. Every call prints the
// metadata it came with as one line, {"rpc":"FindOne","metadata":{...}}, for the tests to read.
import { arg, common, core, decorate, HERO_PROTO, micro, rxjs } from './nest.mjs';

const { Controller, Module } = common;
const { NestFactory } = core;
const { GrpcMethod, RpcException, Transport } = micro;
const { from } = rxjs;

const NOT_FOUND = 5;
const INVALID_ARGUMENT = 3;

const HEROES = [
  { id: 1, name: 'Nest Knight' },
  { id: 2, name: 'Observable Oracle' },
  { id: 3, name: 'Decorator Duchess' },
];

function log(rpc, metadata) {
  process.stdout.write(JSON.stringify({ rpc, metadata: metadata ? metadata.getMap() : null }) + '\n');
}

class HeroesController {
  findOne(data, metadata) {
    log('FindOne', metadata);
    // proto3 leaves a zero id off the wire, and proto-loader (without `defaults`) then leaves it undefined.
    const id = data.id ?? 0;
    if (id <= 0) {
      throw new RpcException({ code: INVALID_ARGUMENT, message: `Hero id must be a positive integer, got ${id}` });
    }
    const hero = HEROES.find((h) => h.id === id);
    if (!hero) {
      throw new RpcException({ code: NOT_FOUND, message: `Hero ${id} not found` });
    }
    return hero;
  }

  findMany(data, metadata) {
    log('FindMany', metadata);
    return { heroes: HEROES };
  }

  streamHeroes(data, metadata) {
    log('StreamHeroes', metadata);
    return from(HEROES);
  }
}

for (const [method, rpc] of [['findOne', 'FindOne'], ['findMany', 'FindMany'], ['streamHeroes', 'StreamHeroes']]) {
  decorate(HeroesController, method, [GrpcMethod('HeroesService', rpc)]);
}
Reflect.decorate([Controller()], HeroesController);

class AppModule {}
Reflect.decorate([Module({ controllers: [HeroesController] })], AppModule);

try {
  const app = await NestFactory.createMicroservice(AppModule, {
    transport: Transport.GRPC,
    options: { package: 'hero', protoPath: HERO_PROTO, url: arg('url', '127.0.0.1:5000') },
    logger: ['error', 'warn'],
  });
  await app.listen();
  process.stdout.write('ready\n');
  const stop = () => app.close().finally(() => process.exit(0));
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
} catch (err) {
  console.error(err);
  process.exit(1);
}
