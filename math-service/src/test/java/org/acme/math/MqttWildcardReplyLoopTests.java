package org.acme.math;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
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
 * {@code wildprobe/all/#} also matches the reply topic of every request it answers. Taken as a request, that reply
 * would be answered on {@code <reply topic>/reply}, which the pattern matches again, without end: the server leaves
 * topics ending in {@code /reply} to the clients. On a Mosquitto of the test's own, so that a regression loops there,
 * not on the broker other builds share.
 */
@QuarkusTest
@QuarkusTestResource(FreePorts.class)
@QuarkusTestResource(value = PrivateRedisAndMosquitto.class, restrictToAnnotatedClass = true)
class MqttWildcardReplyLoopTests {

  private static final Duration WAIT = Duration.ofSeconds(10);

  private final NestClients clients;
  private final Vertx vertx;

  MqttWildcardReplyLoopTests(NestClients clients, Vertx vertx) {
    this.clients = clients;
    this.vertx = vertx;
  }

  @Test
  void aWildcardDoesNotAnswerTheRepliesItMatches() throws InterruptedException {
    String topic = "wildprobe/all/" + UUID.randomUUID() + "/x";
    AtomicInteger answersToReplies = new AtomicInteger();
    MqttClient watcher = MqttClient.create(vertx, new MqttClientOptions().setClientId("loop-watch-" + UUID.randomUUID()));
    watcher.publishHandler(message -> answersToReplies.incrementAndGet());
    watcher.connect(ConfigProvider.getConfig().getValue("nest.mqtt.port", Integer.class), "127.0.0.1").await().atMost(WAIT);
    try {
      watcher.subscribe(topic + "/reply/reply", 1).await().atMost(WAIT);
      JsonNode answer = clients.get("math-mqtt").send(topic, 1, JsonNode.class).await().atMost(WAIT);
      assertThat(answer.path("pattern").asText()).isEqualTo(topic);
      Thread.sleep(500); // an answer to the reply would follow it within milliseconds
      assertThat(answersToReplies.get()).as("answers to the reply, on its own reply topic").isZero();
    } finally {
      watcher.disconnect().await().atMost(WAIT);
    }
  }
}
