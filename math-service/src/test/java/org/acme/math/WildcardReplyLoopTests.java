package org.acme.math;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mqtt.MqttClientOptions;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.mqtt.MqttClient;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.acme.transport.client.NestClients;
import org.acme.transport.testing.FreePorts;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/**
 * A wildcard pattern can match the reply topic or channel of every request it answers ({@code wildprobe/all/#} on
 * MQTT, the glob {@code wildprobe.glob.*} on Redis). Taken as a request, that reply would be answered on its own
 * reply topic, which the pattern matches again, without end: the servers leave replies to the clients. On a
 * Mosquitto and a Redis of the test's own, so that a regression loops there, not on the brokers other builds share.
 */
@QuarkusTest
@QuarkusTestResource(FreePorts.class)
@QuarkusTestResource(value = PrivateRedisAndMosquitto.class, restrictToAnnotatedClass = true)
class WildcardReplyLoopTests {

  private static final Duration WAIT = Duration.ofSeconds(10);
  /** An answer to the reply would follow it within milliseconds. */
  private static final long QUIET_MS = 500;

  private final NestClients clients;
  private final Vertx vertx;
  private final RedisDataSource redis;

  WildcardReplyLoopTests(NestClients clients, Vertx vertx, RedisDataSource redis) {
    this.clients = clients;
    this.vertx = vertx;
    this.redis = redis;
  }

  @Test
  void anMqttWildcardDoesNotAnswerTheRepliesItMatches() throws InterruptedException {
    String topic = "wildprobe/all/" + UUID.randomUUID() + "/x";
    AtomicInteger answersToReplies = new AtomicInteger();
    MqttClient watcher = MqttClient.create(vertx, new MqttClientOptions().setClientId("loop-watch-" + UUID.randomUUID()));
    watcher.publishHandler(message -> answersToReplies.incrementAndGet());
    watcher.connect(ConfigProvider.getConfig().getValue("nest.mqtt.port", Integer.class), "127.0.0.1").await().atMost(WAIT);
    try {
      watcher.subscribe(topic + "/reply/reply", 1).await().atMost(WAIT);
      JsonNode answer = clients.get("math-mqtt").send(topic, 1, JsonNode.class).await().atMost(WAIT);
      assertThat(answer.path("pattern").asText()).isEqualTo(topic);
      Thread.sleep(QUIET_MS);
      assertThat(answersToReplies.get()).as("answers to the reply, on its own reply topic").isZero();
    } finally {
      watcher.disconnect().await().atMost(WAIT);
    }
  }

  @Test
  void aRedisGlobDoesNotAnswerTheRepliesItMatches() throws InterruptedException {
    String channel = "wildprobe.glob." + UUID.randomUUID();
    AtomicInteger answersToReplies = new AtomicInteger();
    var watcher = redis.pubsub(String.class).subscribe(channel + ".reply.reply", message -> answersToReplies.incrementAndGet());
    try {
      JsonNode answer = clients.get("math-redis").send(channel, 1, JsonNode.class).await().atMost(WAIT);
      assertThat(answer.path("pattern").asText()).isEqualTo(channel);
      Thread.sleep(QUIET_MS);
      assertThat(answersToReplies.get()).as("answers to the reply, on its own reply channel").isZero();
    } finally {
      watcher.unsubscribe();
    }
  }
}
