package org.acme.math;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.trace.data.SpanData;
import org.acme.transport.codec.PatternRoutes;
import org.acme.transport.handler.MessageRouter;
import org.acme.transport.testing.NestPeers;
import org.acme.transport.testing.NestPeers.Call;
import org.acme.transport.testing.NestPeers.Version;
import org.acme.transport.testing.TracedSpans;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A real, unmodified NestJS client (npm {@code @nestjs/microservices}, 11 and 12) calls the Java math-service over one
 * transport: the seed's {@code client.send({cmd:'sum'},[1,2,3])} and the rest of the catalogue, once per Nest
 * version; and Nest 12's packet metadata ({@code setOnDispatchHook}) and Nest's own headers reach the handler's
 * context. Each transport's test extends this and says how a Nest client reaches the service.
 */
abstract class NestClientContract {

  /** Metadata a Nest 12 client sets on every packet with its dispatch hook. */
  static final Map<String, String> HOOK_METADATA = Map.of("x-request-id", "nest-12-hook", "traceparent",
      "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01");
  /** Headers a Nest client puts on one message through the transport's own record form, where it has headers. */
  static final Map<String, String> RECORD_HEADERS = Map.of("x-tenant", "acme");

  /** Nest's Transport enum name: TCP, REDIS, NATS, MQTT, RMQ, KAFKA. */
  protected abstract String nestTransport();

  /** The Nest client options that reach the Java math-service. */
  protected abstract Map<String, Object> nestOptions();

  /** The pattern object a Nest user would write; Kafka overrides with its string aliases. */
  protected Object pattern(String cmd) {
    return Map.of("cmd", cmd);
  }

  /** A pattern with a version, as a Nest user would write v2 of one: {@code {cmd, v}}; Kafka overrides with its alias. */
  protected Object versioned(String cmd, int version) {
    return Map.of("cmd", cmd, "v", version);
  }

  /** What an unknown pattern gets on this transport (wire doc §13): Nest's no-handler error here, by default. */
  protected void assertUnknownPattern(JsonNode result) {
    assertThat(result.path("err").asText()).isEqualTo(MessageRouter.NO_HANDLER);
  }

  /** Whether the Nest client writes its packet metadata on this transport (12.1.1: all but Kafka). */
  protected boolean nestSendsPacketMetadata() {
    return true;
  }

  /** Whether Nest's record builders can put headers on a message of this transport (NATS, RabbitMQ, Kafka). */
  protected boolean nestSendsHeaders() {
    return false;
  }

  protected List<JsonNode> call(Version version, List<Call> calls) {
    return NestPeers.client(version, nestTransport(), nestOptions(), Map.of(), calls, false, Duration.ofSeconds(3));
  }

  @ParameterizedTest(name = "NestJS {0}")
  @ValueSource(strings = {"11", "12"})
  void theSeedsSumGetsSix(String nest) {
    JsonNode result = call(Version.of(nest), List.of(Call.send(pattern("sum"), List.of(1, 2, 3)))).get(0);
    assertThat(result.path("ok").asBoolean()).as(result.toString()).isTrue();
    assertThat(result.path("values").get(0).asText()).isEqualTo("6");
  }

  /** A Nest client calls v1 and v2 of sum side by side: each version answers in its own shape. */
  @ParameterizedTest(name = "NestJS {0}")
  @ValueSource(strings = {"11", "12"})
  void bothVersionsOfSumAnswer(String nest) {
    List<JsonNode> results = call(Version.of(nest), List.of(Call.send(pattern("sum"), List.of(1, 2, 3, 6)),
        Call.send(versioned("sum", 2), List.of(1, 2, 3, 6))));
    assertThat(results.get(0).path("values").get(0).asText()).as(results.get(0).toString()).isEqualTo("12");
    JsonNode v2 = results.get(1).path("values").get(0);
    assertThat(v2.path("count").asInt()).as(results.get(1).toString()).isEqualTo(4);
    assertThat(v2.path("mean").decimalValue()).isEqualByComparingTo("3");
  }

  @ParameterizedTest(name = "NestJS {0}")
  @ValueSource(strings = {"11", "12"})
  void theCatalogue(String nest) {
    String userId = "nest-" + UUID.randomUUID();
    List<JsonNode> results = call(Version.of(nest), List.of(
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
    assertThat(results.get(6).path("values").get(0).path("metadata").isEmpty()).as("no metadata sent, none seen").isTrue();
    assertThat(results.get(7).path("ok").asBoolean()).isTrue();
    assertThat(results.get(8).path("timeout").asBoolean()).as("never answers").isTrue();
    // the event had the never call's 3 s to arrive
    assertThat(results.get(9).path("values").get(0).toString()).contains(userId);
  }

  @ParameterizedTest(name = "NestJS {0}")
  @ValueSource(strings = {"11", "12"})
  void anUnknownPattern(String nest) {
    assertUnknownPattern(call(Version.of(nest), List.of(Call.send(Map.of("cmd", "nope"), Map.of()))).get(0));
  }

  /**
   * Nest 12's dispatch hook writes the packet's metadata, and Nest's record builders write headers where the transport
   * has them: the handler reads both as {@code MessageContext#metadata()}, and so does an event handler.
   */
  @Test
  void nest12MetadataAndHeadersReachTheHandler() {
    Call getData = nestSendsHeaders() ? Call.send(pattern("get_data"), Map.of(), RECORD_HEADERS) : Call.send(pattern("get_data"), Map.of());
    JsonNode result = NestPeers.client(Version.V12, nestTransport(), nestOptions(), HOOK_METADATA, List.of(getData), false,
        Duration.ofSeconds(3)).get(0);
    assertThat(result.path("ok").asBoolean()).as(result.toString()).isTrue();
    Map<String, String> expected = new HashMap<>();
    if (nestSendsPacketMetadata()) {
      expected.putAll(HOOK_METADATA);
    }
    if (nestSendsHeaders()) {
      expected.putAll(RECORD_HEADERS);
    }
    assertThat(NestPeers.json().convertValue(result.path("values").get(0).path("metadata"), Map.class)).isEqualTo(expected);
  }

  /**
   * A Nest 12 client's trace context is continued: the {@code traceparent} its dispatch hook writes (or, on Kafka,
   * where 12.1.1 writes no packet metadata, a record header) makes our SERVER span the child of the Nest caller's span.
   */
  @Test
  void aNest12TraceparentIsContinuedByTheServerSpan() {
    String traceId = UUID.randomUUID().toString().replace("-", "");
    String parentId = traceId.substring(0, 16);
    String traceparent = "00-" + traceId + "-" + parentId + "-01";
    Call getData = nestSendsPacketMetadata() ? Call.send(pattern("get_data"), Map.of())
        : Call.send(pattern("get_data"), Map.of(), Map.of("traceparent", traceparent));
    JsonNode result = NestPeers.client(Version.V12, nestTransport(), nestOptions(), Map.of("traceparent", traceparent), List.of(getData),
        false, Duration.ofSeconds(3)).get(0);
    assertThat(result.path("ok").asBoolean()).as(result.toString()).isTrue();
    String[] parts = traceparent.split("-");
    SpanData server = TracedSpans.await(parts[1], SpanKind.SERVER, PatternRoutes.route(NestPeers.json().valueToTree(pattern("get_data"))));
    assertThat(server.getParentSpanId()).isEqualTo(parts[2]);
    assertThat(server.getParentSpanContext().isRemote()).isTrue();
  }
}
