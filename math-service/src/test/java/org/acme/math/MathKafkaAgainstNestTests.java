package org.acme.math;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.acme.contracts.math.MathPatterns;
import org.acme.transport.client.DeadlineExceededException;
import org.acme.transport.client.NestClients;
import org.acme.transport.testing.ClientFailures;
import org.acme.transport.testing.NestPeers.Version;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The Java Kafka client calls a real Nest ServerKafka: the catalogue with the string aliases. Nest sends scalars
 * as text ({@code "6"}); the Java client parses any reply that is valid JSON, so it still gets the number 6.
 */
@QuarkusTest
@TestProfile(NestServerProfile.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MathKafkaAgainstNestTests extends AgainstNestContract {

  MathKafkaAgainstNestTests(NestClients clients) {
    super(clients);
  }

  @Override
  protected String transport() {
    return "kafka";
  }

  @Override
  protected Catalogue catalogue() {
    return Catalogue.KAFKA;
  }

  /** The catalogue's topics first (Nest's server subscribes to existing topics only), and a group of its own. */
  @Override
  protected Map<String, Object> nestOptions() {
    KafkaTestTopics.ensureCatalogue();
    String id = "nest-math-" + UUID.randomUUID();
    return Map.of("client", Map.of("brokers", List.of(KafkaTestTopics.BOOTSTRAP), "clientId", id, "logLevel", 1),
        "consumer", Map.of("groupId", id));
  }

  /** Kafka headers, in the Nest handler's {@code getMessage().headers} (Nest has no other place for metadata on Kafka). */
  @Override
  protected Set<String> nestSeesMetadataIn(Version version) {
    return Set.of("headers");
  }

  /** After the Nest server is up (the contract's {@code @BeforeEach} runs first): until its group answers. */
  @BeforeEach
  void serverIsConsuming() {
    KafkaWarmUp.untilAnswered(getClass(), client());
  }

  /** Whole numbers, as in the contract, on the topic alias (object patterns cannot be topic names). */
  @Test
  @Override
  void sumAddsAList() {
    assertThat(client().send(catalogue().sum(), List.of(1, 2, 3), Integer.class).await().atMost(WAIT)).isEqualTo(6);
    assertThat(client().send(catalogue().sum(), List.of(), Integer.class).await().atMost(WAIT)).isEqualTo(0);
  }

  /**
   * Nest's ServerKafka waits for a handler's first value before it takes the next record (wire doc §13), so
   * asking it {@code never} would stall it for every later test: a topic nobody consumes proves the deadline.
   */
  @Override
  @Test
  void aPatternNobodyAnswersFailsByItsDeadline() {
    long started = System.nanoTime();
    assertThatThrownBy(() -> client().send("math_unknown_pattern", Map.of(), Object.class).await().atMost(WAIT))
        .isInstanceOf(DeadlineExceededException.class);
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(WAIT);
  }

  /**
   * Nest's ServerKafka treats any record on an event handler's topic as an event: the request meets its deadline.
   * Last: Nest's server answers nothing else for a while after it.
   */
  @Test
  @Order(Integer.MAX_VALUE)
  void requestOnAnEventTopicIsNeverAnsweredByNest() {
    Throwable failure = ClientFailures.failsWithin(Duration.ofSeconds(8),
        client().send(MathPatterns.USER_CREATED, Map.of("userId", "x"), Object.class));
    assertThat(failure).isInstanceOf(DeadlineExceededException.class);
  }
}
