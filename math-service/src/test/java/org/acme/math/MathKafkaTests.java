package org.acme.math;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.Map;
import org.acme.contracts.math.MathPatterns;
import org.acme.transport.client.DeadlineExceededException;
import org.acme.transport.client.MessageOptions;
import org.acme.transport.client.NestClient;
import org.acme.transport.client.NestClients;
import org.acme.transport.testing.FreePorts;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The catalogue over Kafka, with the string aliases (object patterns cannot be topic names). Unlike a Nest client,
 * the Java client reads {@code 6} back as a number: it parses every reply value that is valid JSON.
 */
@QuarkusTest
@QuarkusTestResource(FreePorts.class)
class MathKafkaTests extends MathContract {

  private final NestClients clients;

  MathKafkaTests(NestClients clients) {
    this.clients = clients;
  }

  @BeforeEach
  void serverIsConsuming() {
    KafkaWarmUp.untilAnswered(getClass(), client());
  }

  @Override
  protected NestClient client() {
    return clients.get("math-kafka");
  }

  @Override
  protected String transport() {
    return "kafka";
  }

  @Override
  protected Catalogue catalogue() {
    return Catalogue.KAFKA;
  }

  /** Nobody consumes a topic without handlers, so, as with Nest, the request can only end by its deadline. */
  @Test
  void unknownPatternFailsByItsDeadline() {
    assertThatThrownBy(() -> client().send("math_unknown_pattern", Map.of(), Object.class).await().atMost(WAIT))
        .isInstanceOf(DeadlineExceededException.class);
  }

  /** A request on a topic that only has an event handler does reach the server, which says no handler. */
  @Test
  void requestOnAnEventTopicGetsTheNoHandlerError() {
    assertNoHandlerReply(MathPatterns.USER_CREATED);
  }

  @Test
  void objectPatternsAreRefusedAtOnce() {
    assertThatThrownBy(() -> client().send(MathPatterns.SUM, java.util.List.of(1), Object.class).await().atMost(WAIT))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("string alias");
  }

  @Test
  void aStuckHandlerDoesNotHoldUpTheOthers() {
    for (int i = 0; i < 20; i++) {
      client().send(catalogue().never(), Map.of(), Object.class).subscribe().with(x -> { }, e -> { });
    }
    assertThat(client().send(catalogue().sum(), java.util.List.of(2, 2), Integer.class).await().atMost(WAIT)).isEqualTo(4);
  }

  @Test
  void contextCarriesTheRecordsFacts() {
    var info = client().send("kafka_context_probe", Map.of("x", 1), com.fasterxml.jackson.databind.JsonNode.class).await().atMost(WAIT);
    assertThat(info.path("topic").asText()).isEqualTo("kafka_context_probe");
    assertThat(info.path("partition").isInt()).isTrue();
    assertThat(info.path("offset").asLong()).isGreaterThanOrEqualTo(0);
    assertThat(info.path("timestamp").asLong()).isPositive();
    assertThat(info.path("headers").path("kafka_replyTopic").asText()).isEqualTo("kafka_context_probe.reply");
    assertThat(info.path("headers").path("kafka_correlationId").asText()).hasSize(21);
  }

  /** The record's key, and headers as metadata: Nest's correlation headers are the transport's, not metadata. */
  @Test
  void contextCarriesTheKeyAndTheMetadataWithoutNestsHeaders() {
    var info = client().send("kafka_context_probe", Map.of("x", 1),
        MessageOptions.builder().metadata("x-request-id", "k-1").kafkaKey("customer-7").build(), com.fasterxml.jackson.databind.JsonNode.class)
        .await().atMost(WAIT);
    assertThat(info.path("key").asText()).isEqualTo("customer-7");
    assertThat(info.path("metadata").path("x-request-id").asText()).isEqualTo("k-1");
    assertThat(info.path("metadata").has("x-deadline")).isTrue();
    assertThat(info.path("metadata").toString()).doesNotContain("kafka_");
    assertThat(info.path("headers").path("x-request-id").asText()).isEqualTo("k-1");
  }
}
