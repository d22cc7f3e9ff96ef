package org.acme.math;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.acme.transport.handler.MessageRouter;
import org.acme.transport.testing.NestPeers;
import org.acme.transport.testing.NestPeers.Call;
import org.junit.jupiter.api.Test;

/**
 * A real, unmodified NestJS client (npm {@code @nestjs/microservices}) calls the Java math-service over one
 * transport: the seed's {@code client.send({cmd:'sum'},[1,2,3])} and the rest of the catalogue. Each transport's
 * test extends this and says how a Nest client reaches the service.
 */
abstract class NestClientContract {

  /** Nest's Transport enum name: TCP, REDIS, NATS, MQTT, RMQ, KAFKA. */
  protected abstract String nestTransport();

  /** The Nest client options that reach the Java math-service. */
  protected abstract Map<String, Object> nestOptions();

  /** The pattern object a Nest user would write; Kafka overrides with its string aliases. */
  protected Object pattern(String cmd) {
    return Map.of("cmd", cmd);
  }

  /** What an unknown pattern gets on this transport (wire doc §13): Nest's no-handler error here, by default. */
  protected void assertUnknownPattern(JsonNode result) {
    assertThat(result.path("err").asText()).isEqualTo(MessageRouter.NO_HANDLER);
  }

  private List<JsonNode> call(List<Call> calls) {
    return NestPeers.client(nestTransport(), nestOptions(), calls, false, Duration.ofSeconds(3));
  }

  @Test
  void theSeedsSumGetsSix() {
    JsonNode result = call(List.of(Call.send(pattern("sum"), List.of(1, 2, 3)))).get(0);
    assertThat(result.path("ok").asBoolean()).as(result.toString()).isTrue();
    assertThat(result.path("values").get(0).asText()).isEqualTo("6");
  }

  @Test
  void theCatalogue() {
    String userId = "nest-" + UUID.randomUUID();
    List<JsonNode> results = call(List.of(
        Call.send("multiply", Map.of("a", 6, "b", 7)),
        Call.send(pattern("count"), Map.of("to", 3)),
        Call.send(pattern("protected"), Map.of("token", "secret-token")),
        Call.send(pattern("protected"), Map.of("token", "guess")),
        Call.send(pattern("data"), Map.of("x", 1)),
        Call.send(pattern("data"), Map.of()),
        Call.send(pattern("get_data"), Map.of()),
        Call.emit("user_created", Map.of("userId", userId, "email", "ada@example.com")),
        Call.send(pattern("never"), Map.of()),
        Call.send(pattern("users_seen"), Map.of())));
    assertThat(results.get(0).path("values").get(0).asText()).isEqualTo("42");
    assertThat(results.get(1).path("values")).extracting(JsonNode::asText).containsExactly("1", "2", "3");
    assertThat(results.get(2).path("values").get(0).path("message").asText()).isEqualTo("Protected data");
    assertThat(results.get(3).path("err").path("message").asText()).isEqualTo("Forbidden resource");
    assertThat(results.get(3).path("err").path("status").asText()).isEqualTo("error");
    assertThat(results.get(4).path("values").get(0).path("x").asInt()).isEqualTo(1);
    assertThat(results.get(5).path("err").path("error").asText()).isEqualTo("Data is required");
    assertThat(results.get(5).path("err").path("timestamp").asText()).isNotEmpty();
    assertThat(results.get(6).path("values").get(0).path("transport").asText()).isEqualTo(nestTransport().toLowerCase());
    assertThat(results.get(7).path("ok").asBoolean()).isTrue();
    assertThat(results.get(8).path("timeout").asBoolean()).as("never answers").isTrue();
    // the event had the never call's 3 s to arrive
    assertThat(results.get(9).path("values").get(0).toString()).contains(userId);
  }

  @Test
  void anUnknownPattern() {
    assertUnknownPattern(call(List.of(Call.send(Map.of("cmd", "nope"), Map.of()))).get(0));
  }
}
