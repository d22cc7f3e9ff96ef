// A real NestJS microservice answering the math catalogue, so the Java clients can be tested against Nest itself.
// usage: node nest-math-server.js '<json>'  with { "transport": "TCP|...", "options": {...Nest server options...},
//        "secret": "secret-token" }. Prints "READY" once it listens; stops on SIGTERM.
'use strict';
require('reflect-metadata');
const { NestFactory } = require('@nestjs/core');
const { Module, Controller, Injectable, UseGuards, UseFilters, Catch } = require('@nestjs/common');
const { MessagePattern, EventPattern, RpcException, Transport, Payload, Ctx } = require('@nestjs/microservices');
const { Observable, throwError, NEVER, range } = require('rxjs');

const config = JSON.parse(process.argv[2]);
const usersSeen = [];

class TokenGuard {
  canActivate(context) {
    const data = context.switchToRpc().getData();
    return !!data && data.token === (config.secret || 'secret-token');
  }
}
Injectable()(TokenGuard);

class DataRequiredFilter {
  catch(exception) {
    return throwError(() => ({ error: exception.getError(), timestamp: new Date().toISOString() }));
  }
}
Catch(RpcException)(DataRequiredFilter);

// Only TcpContext and RmqContext have getPattern(); the channel transports name the pattern by their channel.
const patternOf = (ctx) => (ctx.getPattern || ctx.getTopic || ctx.getSubject || ctx.getChannel).call(ctx);

class MathController {
  sum(data) { return (data || []).reduce((a, b) => a + b, 0); }
  multiply(data) { return data.a * data.b; }
  count(data) { return range(1, data.to); }
  protectedData() { return { message: 'Protected data' }; }
  data(data) {
    if (!data || (typeof data === 'object' && Object.keys(data).length === 0)) throw new RpcException('Data is required');
    return data;
  }
  getData(data, context) { return { success: true, pattern: patternOf(context), transport: config.transport.toLowerCase() }; }
  userCreated(data) { usersSeen.push(data.userId); }
  usersSeen() { return usersSeen; }
  never() { return NEVER; }
}
// Kafka topics cannot be object patterns (kafkajs refuses them), so on Kafka only the string aliases are registered.
const patterns = (list) => (config.transport === 'KAFKA' ? list.filter((p) => typeof p === 'string') : list);
const decorate = (decorators, name) => Reflect.decorate(decorators, MathController.prototype, name,
  Object.getOwnPropertyDescriptor(MathController.prototype, name));
decorate([MessagePattern(patterns([{ cmd: 'sum' }, { role: 'math', cmd: 'sum' }, 'sum']))], 'sum');
decorate([MessagePattern('multiply')], 'multiply');
decorate([MessagePattern(patterns([{ cmd: 'count' }, 'count']))], 'count');
decorate([UseGuards(TokenGuard), MessagePattern(patterns([{ cmd: 'protected' }, 'protected']))], 'protectedData');
decorate([UseFilters(new DataRequiredFilter()), MessagePattern(patterns([{ cmd: 'data' }, 'data']))], 'data');
Payload()(MathController.prototype, 'getData', 0);
Ctx()(MathController.prototype, 'getData', 1);
decorate([MessagePattern(patterns([{ cmd: 'get_data' }, 'get_data']))], 'getData');
decorate([EventPattern('user_created')], 'userCreated');
decorate([MessagePattern(patterns([{ cmd: 'users_seen' }, 'users_seen']))], 'usersSeen');
decorate([MessagePattern(patterns([{ cmd: 'never' }, 'never']))], 'never');
Controller()(MathController);

class AppModule {}
Module({ controllers: [MathController], providers: [TokenGuard] })(AppModule);

async function main() {
  const app = await NestFactory.createMicroservice(AppModule, {
    transport: Transport[config.transport], options: config.options || {}, logger: ['error', 'warn'],
  });
  await app.listen();
  if (config.transport === 'REDIS') {
    // Nest's Redis server resolves listen() once its SUBSCRIBEs are sent, not confirmed; Redis answers a PING on the
    // same connection after them, so READY means subscribed.
    await app.unwrap()[1].ping();
  }
  if (config.transport === 'MQTT') {
    // The same for MQTT (listen() resolves on CONNECT): SUBACKs come in order, so one more subscription's means all.
    await new Promise((resolve, reject) => app.unwrap().subscribe('nest-math-server/ready', (err) => (err ? reject(err) : resolve())));
  }
  process.stdout.write('READY\n');
  const stop = async () => { await app.close(); process.exit(0); };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}
main().catch((err) => { process.stderr.write(String(err && err.stack || err) + '\n'); process.exit(1); });
