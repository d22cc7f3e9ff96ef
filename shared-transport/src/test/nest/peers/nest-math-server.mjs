// A real NestJS microservice answering the math catalogue, so the Java clients can be tested against Nest itself.
// usage: NEST_VERSION=11|12 node nest-math-server.mjs '<json>'  with { "transport": "TCP|...", "options": {...Nest
//        server options...}, "secret": "secret-token", "shareGroup": "g" }. Prints "READY" once it listens; stops on SIGTERM.
// With shareGroup (MQTT), it also answers 'mqtt_share_probe' with 'nest', through the shared subscription a Nest user
// writes by hand: the pattern '$share/<group>/mqtt_share_probe'.
// {cmd:'get_data'} answers with what the handler's context shows of the sender's metadata, in each place Nest has one.
import { common, core, decorate, micro, rxjs } from './nest.mjs';

const { Module, Controller, Injectable, UseGuards, UseFilters, Catch } = common;
const { NestFactory } = core;
const { MessagePattern, EventPattern, RpcException, Transport, Payload, Ctx } = micro;
const { throwError, NEVER, range } = rxjs;

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

const packetMetadata = (buffer) => {
  try {
    return JSON.parse(buffer.toString()).metadata ?? null;
  } catch {
    return null;
  }
};

// Where a Nest handler can find what the sender put beside the data: getMetadata() (Nest 12, TCP and Redis), NATS
// headers, AMQP headers, Kafka headers, and the raw packet (MQTT and RabbitMQ, where 12.1 has no getMetadata yet).
function seen(ctx) {
  const found = {};
  if (ctx.getMetadata) found.metadata = ctx.getMetadata() ?? null;
  if (ctx.getHeaders) {
    const headers = ctx.getHeaders();
    found.headers = headers ? Object.fromEntries(headers.keys().map((key) => [key, headers.get(key)])) : null;
  }
  if (config.transport === 'RMQ') {
    found.headers = ctx.getMessage().properties.headers ?? null;
    found.packet = packetMetadata(ctx.getMessage().content);
  }
  if (config.transport === 'KAFKA') found.headers = ctx.getMessage().headers ?? null;
  if (config.transport === 'MQTT') found.packet = packetMetadata(ctx.getPacket().payload);
  return found;
}

class MathController {
  sum(data) { return (data || []).reduce((a, b) => a + b, 0); }
  // version 2 beside version 1, as the README's "Evolving a pattern" does it in a Nest service
  sumV2(data) {
    const numbers = data || [];
    const sum = this.sum(numbers);
    if (numbers.length === 0) return { sum, count: 0, min: null, max: null, mean: null };
    return { sum, count: numbers.length, min: Math.min(...numbers), max: Math.max(...numbers), mean: sum / numbers.length };
  }
  multiply(data) { return data.a * data.b; }
  count(data) { return range(1, data.to); }
  protectedData() { return { message: 'Protected data' }; }
  data(data) {
    if (!data || (typeof data === 'object' && Object.keys(data).length === 0)) throw new RpcException('Data is required');
    return data;
  }
  getData(data, context) {
    return { success: true, pattern: patternOf(context), transport: config.transport.toLowerCase(), seen: seen(context) };
  }
  userCreated(data) { usersSeen.push(data.userId); }
  usersSeen() { return usersSeen; }
  never() { return NEVER; }
  shareProbe() { return 'nest'; }
}
// Kafka topics cannot be object patterns (kafkajs refuses them), so on Kafka only the string aliases are registered.
const patterns = (list) => (config.transport === 'KAFKA' ? list.filter((p) => typeof p === 'string') : list);
decorate(MathController, 'sum', [MessagePattern(patterns([{ cmd: 'sum' }, { role: 'math', cmd: 'sum' }, 'sum']))]);
decorate(MathController, 'sumV2', [MessagePattern(patterns([{ cmd: 'sum', v: 2 }, 'sum.v2']))]);
decorate(MathController, 'multiply', [MessagePattern('multiply')]);
decorate(MathController, 'count', [MessagePattern(patterns([{ cmd: 'count' }, 'count']))]);
decorate(MathController, 'protectedData', [UseGuards(TokenGuard), MessagePattern(patterns([{ cmd: 'protected' }, 'protected']))]);
decorate(MathController, 'data', [UseFilters(new DataRequiredFilter()), MessagePattern(patterns([{ cmd: 'data' }, 'data']))]);
Payload()(MathController.prototype, 'getData', 0);
Ctx()(MathController.prototype, 'getData', 1);
decorate(MathController, 'getData', [MessagePattern(patterns([{ cmd: 'get_data' }, 'get_data']))]);
decorate(MathController, 'userCreated', [EventPattern('user_created')]);
decorate(MathController, 'usersSeen', [MessagePattern(patterns([{ cmd: 'users_seen' }, 'users_seen']))]);
decorate(MathController, 'never', [MessagePattern(patterns([{ cmd: 'never' }, 'never']))]);
if (config.shareGroup) decorate(MathController, 'shareProbe', [MessagePattern(`$share/${config.shareGroup}/mqtt_share_probe`)]);
Controller()(MathController);

class AppModule {}
Module({ controllers: [MathController], providers: [TokenGuard] })(AppModule);

try {
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
} catch (err) {
  process.stderr.write(String(err && err.stack || err) + '\n');
  process.exit(1);
}
