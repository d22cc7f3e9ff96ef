// A real NestJS gRPC microservice (NestFactory.createMicroservice, Transport.GRPC, @GrpcMethod handlers) serving
// hero.HeroesService from the one hero.proto of shared-contracts, to stand in for the Java heroes-grpc-service.
//   node grpc-heroes-server.js --url 127.0.0.1:5000      prints "ready" once it listens
// Errors use RpcException({code, message}) so that grpc-js sends the real status, not UNKNOWN.
'use strict';
require('reflect-metadata');
const path = require('node:path');
const { Controller, Module } = require('@nestjs/common');
const { NestFactory } = require('@nestjs/core');
const { GrpcMethod, RpcException, Transport } = require('@nestjs/microservices');
const { from } = require('rxjs');

const PROTO = path.resolve(__dirname, '../../../../shared-contracts/src/main/proto/hero.proto');
const NOT_FOUND = 5;
const INVALID_ARGUMENT = 3;

function arg(name, fallback) {
  const at = process.argv.indexOf(`--${name}`);
  return at > 0 ? process.argv[at + 1] : fallback;
}

const HEROES = [
  { id: 1, name: 'Nest Knight' },
  { id: 2, name: 'Observable Oracle' },
  { id: 3, name: 'Decorator Duchess' },
];

class HeroesController {
  findOne(data) {
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

  findMany() {
    return { heroes: HEROES };
  }

  streamHeroes() {
    return from(HEROES);
  }
}

// Plain JavaScript has no decorator syntax: apply Nest's decorators the way TypeScript would.
for (const [method, rpc] of [['findOne', 'FindOne'], ['findMany', 'FindMany'], ['streamHeroes', 'StreamHeroes']]) {
  const descriptor = Object.getOwnPropertyDescriptor(HeroesController.prototype, method);
  Reflect.decorate([GrpcMethod('HeroesService', rpc)], HeroesController.prototype, method, descriptor);
}
Reflect.decorate([Controller()], HeroesController);

class AppModule {}
Reflect.decorate([Module({ controllers: [HeroesController] })], AppModule);

async function main() {
  const app = await NestFactory.createMicroservice(AppModule, {
    transport: Transport.GRPC,
    options: { package: 'hero', protoPath: PROTO, url: arg('url', '127.0.0.1:5000') },
    logger: ['error', 'warn'],
  });
  await app.listen();
  process.stdout.write('ready\n');
  const stop = () => app.close().finally(() => process.exit(0));
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
