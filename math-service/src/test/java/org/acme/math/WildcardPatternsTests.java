package org.acme.math;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.acme.transport.client.NestClients;
import org.acme.transport.testing.NestPeers;
import org.acme.transport.testing.NestPeers.Call;
import org.acme.transport.testing.NestPeers.Version;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Handler patterns with wildcards, as Nest has them on MQTT ({@code +}, {@code #}), NATS ({@code *}, {@code >}) and Redis
 * ({@code wildcards: true}, globs):
 * a Nest client (and ours) sends to a concrete topic or subject, the wildcard's handler answers, its context shows the
 * concrete one, and the reply reaches the caller ({@link MqttWildcardReplyLoopTests}: and {@code #} leaves replies alone).
 */
@QuarkusTest
class WildcardPatternsTests {

  private static final Duration WAIT = Duration.ofSeconds(10);

  private final NestClients clients;

  WildcardPatternsTests(NestClients clients) {
    this.clients = clients;
  }

  @ParameterizedTest(name = "NestJS {0}")
  @ValueSource(strings = {"11", "12"})
  void mqttWildcards(String nest) {
    String below = "wildprobe/all/" + UUID.randomUUID() + "/x";
    List<JsonNode> results = NestPeers.client(Version.of(nest), "MQTT", Map.of("url", "mqtt://127.0.0.1:1883"), Map.of(),
        List.of(Call.send("wildprobe/7/temp", 1), Call.send(below, 2)), false, Duration.ofSeconds(3));
    assertAnswered(results.get(0), "wildprobe/7/temp", "mqtt");
    assertAnswered(results.get(1), below, "mqtt");
    JsonNode ours = clients.get("math-mqtt").send("wildprobe/8/temp", 3, JsonNode.class).await().atMost(WAIT);
    assertThat(ours.path("pattern").asText()).isEqualTo("wildprobe/8/temp");
  }

  @ParameterizedTest(name = "NestJS {0}")
  @ValueSource(strings = {"11", "12"})
  void natsWildcards(String nest) {
    List<JsonNode> results = NestPeers.client(Version.of(nest), "NATS", Map.of("servers", List.of("nats://127.0.0.1:4222")), Map.of(),
        List.of(Call.send("wildprobe.7.temp", 1), Call.send("wildprobe.all.a.b", 2)), false, Duration.ofSeconds(3));
    assertAnswered(results.get(0), "wildprobe.7.temp", "nats");
    assertAnswered(results.get(1), "wildprobe.all.a.b", "nats");
    JsonNode ours = clients.get("math-nats").send("wildprobe.8.temp", 3, JsonNode.class).await().atMost(WAIT);
    assertThat(ours.path("pattern").asText()).isEqualTo("wildprobe.8.temp");
  }

  /** Nest's Redis {@code wildcards}: the glob is a pattern subscription; the reply goes where the caller listens. */
  @ParameterizedTest(name = "NestJS {0}")
  @ValueSource(strings = {"11", "12"})
  void redisWildcards(String nest) {
    List<JsonNode> results = NestPeers.client(Version.of(nest), "REDIS", Map.of("host", "127.0.0.1", "port", 6379), Map.of(),
        List.of(Call.send("wildprobe.7.temp", 1)), false, Duration.ofSeconds(3));
    assertAnswered(results.get(0), "wildprobe.7.temp", "redis");
    JsonNode ours = clients.get("math-redis").send("wildprobe.8.temp", 3, JsonNode.class).await().atMost(WAIT);
    assertThat(ours.path("pattern").asText()).isEqualTo("wildprobe.8.temp");
  }

  private static void assertAnswered(JsonNode result, String concrete, String transport) {
    assertThat(result.path("ok").asBoolean()).as(result.toString()).isTrue();
    JsonNode answer = result.path("values").get(0);
    assertThat(answer.path("pattern").asText()).isEqualTo(concrete);
    assertThat(answer.path("transport").asText()).isEqualTo(transport);
  }

}
