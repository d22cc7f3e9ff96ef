package org.acme.math;

import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.core.Vertx;
import org.acme.transport.client.NestClients;
import org.acme.transport.testing.FreePorts;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * Issue 12's fuzz, per transport: 10,000 hostile frames and envelopes each ({@code -Dfuzz.frames}), from one seed
 * ({@code -Dfuzz.seed}, printed by every failure), interleaved with valid requests that must be answered exactly; then
 * no error logged, no 5xx, readiness, and a heap that did not grow (see {@link FuzzRun}). On brokers of its own
 * ({@link FuzzBrokers}), so no other build's service answers its frames, nor hears them.
 */
@QuarkusTest
@QuarkusTestResource(FreePorts.class)
@QuarkusTestResource(UniqueBrokerNames.class)
@QuarkusTestResource(value = FuzzBrokers.class, restrictToAnnotatedClass = true)
class MathFuzzTests {

  private final NestClients clients;
  private final RedisDataSource redis;
  private final Vertx vertx;

  @ConfigProperty(name = "nest.server.tcp.port")
  int tcpPort;
  @ConfigProperty(name = "nest.nats.url")
  String natsUrl;
  @ConfigProperty(name = "nest.mqtt.port")
  int mqttPort;
  @ConfigProperty(name = "nest.server.rmq.queue")
  String rmqQueue;
  @ConfigProperty(name = "nest.kafka.bootstrap-servers")
  String kafkaBootstrap;

  MathFuzzTests(NestClients clients, RedisDataSource redis, Vertx vertx) {
    this.clients = clients;
    this.redis = redis;
    this.vertx = vertx;
  }

  private void fuzz(HostilePeer peer) throws Exception {
    new FuzzRun(peer, clients.get("math-" + peer.transport())).survives();
  }

  @Test
  void tcp() throws Exception {
    fuzz(new TcpFuzzPeer(tcpPort));
  }

  @Test
  void redis() throws Exception {
    fuzz(new RedisFuzzPeer(redis));
  }

  @Test
  void nats() throws Exception {
    fuzz(new NatsFuzzPeer(natsUrl));
  }

  @Test
  void mqtt() throws Exception {
    fuzz(new MqttFuzzPeer(vertx, mqttPort));
  }

  @Test
  void rmq() throws Exception {
    fuzz(new RmqFuzzPeer(rmqQueue));
  }

  @Test
  void kafka() throws Exception {
    fuzz(new KafkaFuzzPeer(kafkaBootstrap));
  }
}
