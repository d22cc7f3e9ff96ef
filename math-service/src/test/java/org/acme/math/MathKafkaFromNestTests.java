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
import org.junit.jupiter.api.BeforeEach;
import org.acme.transport.testing.NestPeers.Version;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A real Nest ClientKafka calls math-service. On Kafka the pattern is the topic, so the seed's {@code {cmd:'sum'}}
 * is sent as its string alias {@code 'sum'}; and a Nest client reads scalars back as strings ({@code '6'}).
 */
@QuarkusTest
class MathKafkaFromNestTests extends NestClientContract {

  private final NestClients clients;

  MathKafkaFromNestTests(NestClients clients) {
    this.clients = clients;
  }

  @BeforeEach
  void serverIsConsuming() {
    KafkaTestTopics.ensureCatalogue();
    KafkaWarmUp.untilAnswered(getClass(), clients.get("math-kafka"));
  }

  @Override
  protected String nestTransport() {
    return "KAFKA";
  }

  @Override
  protected Map<String, Object> nestOptions() {
    // a group of its own per run: Nest's reply-partition assignor must not share a group with anyone
    String id = "nest-interop-" + UUID.randomUUID();
    return Map.of("client", Map.of("brokers", List.of(KafkaTestTopics.BOOTSTRAP), "clientId", id, "logLevel", 1),
        "consumer", Map.of("groupId", id));
  }

  @Override
  protected Object pattern(String cmd) {
    return cmd;
  }

  @Override
  protected Object versioned(String cmd, int version) {
    return cmd + ".v" + version;
  }

  /** Nest 12.1.1's Kafka client sends only the data (and the headers of a {@code {value, headers}} record). */
  @Override
  protected boolean nestSendsPacketMetadata() {
    return false;
  }

  @Override
  protected boolean nestSendsHeaders() {
    return true;
  }

  /** Topics without handlers are consumed by nobody, so a Nest client times out, as against a Nest server. */
  @Override
  @ParameterizedTest(name = "NestJS {0}")
  @ValueSource(strings = {"11", "12"})
  void anUnknownPattern(String nest) {
    JsonNode result = call(Version.of(nest), List.of(Call.send("math_unknown_pattern", Map.of()))).get(0);
    assertThat(result.path("timeout").asBoolean()).as(result.toString()).isTrue();
  }

  /**
   * Nest's Kafka message form {@code {key, value}}: the key goes on the record, where the handler's context reads it,
   * and the value alone is the data.
   */
  @ParameterizedTest(name = "NestJS {0}")
  @ValueSource(strings = {"11", "12"})
  void aNestKeyedMessageGivesTheKeyToTheContextAndTheValueAsData(String nest) {
    KafkaTestTopics.ensure(List.of("kafka_context_probe", "kafka_context_probe.reply"));
    JsonNode result = call(Version.of(nest), List.of(Call.send("kafka_context_probe", Map.of("key", "customer-7", "value", Map.of("x", 1))))).get(0);
    assertThat(result.path("ok").asBoolean()).as(result.toString()).isTrue();
    JsonNode info = result.path("values").get(0);
    assertThat(info.path("key").asText()).isEqualTo("customer-7");
    assertThat(info.path("data")).isEqualTo(NestPeers.json().valueToTree(Map.of("x", 1)));
  }

  /** A Nest client's keyed requests, sent at once with interleaved keys, are handled in order per key, keys in parallel. */
  @ParameterizedTest(name = "NestJS {0}")
  @ValueSource(strings = {"11", "12"})
  void nestKeyedRequestsAreHandledInOrderPerKey(String nest) {
    KafkaTestTopics.ensure(List.of(KafkaOrderProbe.PATTERN, KafkaOrderProbe.PATTERN + ".reply"));
    String run = UUID.randomUUID().toString().substring(0, 8);
    List<Call> calls = KeyOrder.interleaved("nest-" + run + "-", 3, 5).stream()
        .map(key -> Call.send(KafkaOrderProbe.PATTERN, Map.of("key", key, "value", 40))).toList();
    List<JsonNode> results = NestPeers.client(Version.of(nest), nestTransport(), nestOptions(), Map.of(), calls, true, Duration.ofSeconds(10));
    List<KafkaOrderProbe.Handled> handled = results.stream().map(result -> {
      assertThat(result.path("ok").asBoolean()).as(result.toString()).isTrue();
      return NestPeers.json().convertValue(result.path("values").get(0), KafkaOrderProbe.Handled.class);
    }).toList();
    KeyOrder.assertInOrderPerKeyAndParallelAcrossKeys(handled);
  }
}
