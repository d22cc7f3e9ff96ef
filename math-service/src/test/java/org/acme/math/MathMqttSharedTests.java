package org.acme.math;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;
import io.vertx.mqtt.MqttClientOptions;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.mqtt.MqttClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.acme.transport.client.NestClients;
import org.acme.transport.testing.NestPeers;
import org.acme.transport.testing.NestPeers.Call;
import org.acme.transport.testing.NestPeers.Version;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * MQTT shared subscriptions on the real Mosquitto. Two servers in one share group, ours and a real Nest one (whose
 * user wrote {@code $share/<group>/} into the pattern, as Nest has it), both handling {@code mqtt_share_probe}: each
 * request is answered exactly once (one reply on the reply topic per request, where each server answering every
 * request would give two), each server takes a part, and a Nest client is answered as well as ours.
 */
@QuarkusTest
class MathMqttSharedTests {

  private static final Duration WAIT = Duration.ofSeconds(10);
  private static final int REQUESTS = 40;

  private final NestClients clients;
  private final Vertx vertx;

  MathMqttSharedTests(NestClients clients, Vertx vertx) {
    this.clients = clients;
    this.vertx = vertx;
  }

  @ParameterizedTest(name = "with a NestJS {0} server")
  @ValueSource(strings = {"11", "12"})
  void twoServersInOneGroupAnswerEachRequestOnce(String nest) {
    String group = ConfigProvider.getConfig().getValue("nest.server.mqtt.group", String.class);
    AtomicInteger replies = new AtomicInteger();
    MqttClient watcher = MqttClient.create(vertx, new MqttClientOptions().setClientId("share-watch-" + UUID.randomUUID()));
    watcher.publishHandler(message -> replies.incrementAndGet());
    watcher.connect(1883, "127.0.0.1").await().atMost(WAIT);
    try (NestPeers.Server nestServer = NestPeers.server(Version.of(nest), "MQTT", Map.of("url", "mqtt://127.0.0.1:1883"),
        Map.of("shareGroup", group))) {
      watcher.subscribe(PatternOptionsProbe.SHARE + "/reply", 1).await().atMost(WAIT);
      List<String> answers = Uni.join().all(IntStream.range(0, REQUESTS)
          .mapToObj(i -> clients.get("math-mqtt").send(PatternOptionsProbe.SHARE, i, String.class)).toList())
          .andFailFast().await().atMost(WAIT);
      assertThat(answers).as("answered by both servers").contains("java", "nest").containsOnly("java", "nest");

      List<JsonNode> fromNest = NestPeers.client(Version.of(nest), "MQTT", Map.of("url", "mqtt://127.0.0.1:1883"), Map.of(),
          IntStream.range(0, 6).mapToObj(i -> Call.send(PatternOptionsProbe.SHARE, i)).toList(), false, Duration.ofSeconds(3));
      assertThat(fromNest).allSatisfy(result -> assertThat(result.path("values").get(0).asText()).as(result.toString()).isIn("java", "nest"));

      // a reply that a second server sent would arrive about as fast as the first: give it a moment to show up
      sleep(Duration.ofMillis(500));
      assertThat(replies.get()).as("replies on the reply topic, one per request").isEqualTo(REQUESTS + 6);
    } finally {
      watcher.disconnect().await().atMost(WAIT);
    }
  }

  private static void sleep(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
