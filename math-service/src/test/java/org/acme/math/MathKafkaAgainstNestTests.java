package org.acme.math;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.acme.contracts.math.MathPatterns;
import org.acme.transport.client.DeadlineExceededException;
import org.acme.transport.testing.NestPeers;
import org.acme.transport.testing.NestPeers.Version;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.acme.transport.testing.ClientFailures;
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
class MathKafkaAgainstNestTests extends MathKafkaTests {

  private static NestPeers.Server nest;

  MathKafkaAgainstNestTests(org.acme.transport.client.NestClients clients) {
    super(clients);
  }

  /** The NestJS version of the server: 11 here, 12 in {@code MathKafkaAgainstNest12Tests}. */
  protected Version version() {
    return Version.V11;
  }

  /** The Nest server first (once per class), then the warm-up that waits until it answers. */
  @BeforeEach
  @Override
  void serverIsConsuming() {
    if (nest == null) {
      KafkaTestTopics.ensureCatalogue();
      String id = "nest-math-" + UUID.randomUUID();
      nest = NestPeers.server(version(), "KAFKA", Map.of("client", Map.of("brokers", List.of(KafkaTestTopics.BOOTSTRAP), "clientId", id,
          "logLevel", 1), "consumer", Map.of("groupId", id)));
    }
    super.serverIsConsuming();
  }

  @AfterAll
  static void stopNest() {
    nest.close();
    nest = null;
  }

  /** Kafka headers, in the Nest handler's {@code getMessage().headers} (Nest has no other place for metadata on Kafka). */
  @Test
  @Override
  void metadataReachesTheHandler() {
    JsonNode info = client().send(catalogue().getData(), Map.of(), METADATA_OPTIONS, JsonNode.class).await().atMost(WAIT);
    AgainstNestContract.assertNestSaw(info, Set.of("headers"));
  }

  /** JavaScript numbers: 0.1 + 0.2 is not 0.3 there, so whole numbers only. */
  @Override
  @Test
  void sumAddsAList() {
    assertThat(client().send(catalogue().sum(), List.of(1, 2, 3), Integer.class).await().atMost(WAIT)).isEqualTo(6);
    assertThat(client().send(catalogue().sum(), List.of(), Integer.class).await().atMost(WAIT)).isEqualTo(0);
  }

  /** Bean Validation is this project's; the Nest server has none. */
  /**
   * The role guard is this project's ({@code @Roles} on the Java handler); the Nest reference server has no
   * {@code {cmd:'admin'}} (no @Test: not run).
   */
  @Override
  void adminLetsOnlyACallerWithTheRoleIn() {
  }

  @Override
  void invalidPayloadGetsAValidationError() {
  }

  /** Nest's JavaScript reads 1e10000000 as Infinity and answers it: the bound is this project's. */
  @Override
  void aNumberBombIsRefusedAtOnce() {
  }

  /** JavaScript adds null as 0 and answers 1: refusing it is this project's. */
  @Override
  void aNullInASumIsTheCallersMistake() {
  }

  /** Nest's error for a payload it cannot use is its own. */
  @Override
  void aPayloadThatDoesNotBindIsNotEchoedBack() {
  }

  /** The server and consumer spans are ours; a Nest server makes none. That its handler gets our client span's context is in metadataReachesTheHandler. */
  @Override
  void aRequestIsAClientSpanAndItsServerSpanInOneTrace() {
  }

  @Override
  void anEventIsAProducerSpanAndItsConsumerSpanInOneTrace() {
  }

  // The interceptors are this project's (InterceptProbes, TimingInterceptor); the Nest reference server has none (no @Test:
  // not run). As in AgainstNestContract, which this class cannot extend: it takes MathKafkaTests' Kafka set-up.

  @Override
  void anInterceptorChangesTheAnswer() {
  }

  @Override
  void anInterceptorAnswersWithoutCallingTheHandler() {
  }

  @Override
  void anInterceptorSeesTheMessagesContext() {
  }

  @Override
  void interceptorsRunControllerFirstThenTheMethodsInTheOrderNamed() {
  }

  @Override
  void anInterceptorsRpcExceptionGoesThroughTheFilters() {
  }

  @Override
  void anInterceptorsFailureAfterTheHandlerIsAnInternalError() {
  }

  @Override
  void everyValueOfAStreamPassesTheInterceptor() {
  }

  @Override
  void anEventsInterceptorRunsAroundItsHandler() {
  }

  @Override
  void theTimingInterceptorLogsACallWithItsTraceAndWithoutItsPayload() {
  }

  /** The handler whose log line is checked is ours (no @Test: not run). */
  @Override
  void aHandlersLogLineCarriesItsTraceAndSpanIds() {
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
    assertThat(java.time.Duration.ofNanos(System.nanoTime() - started)).isLessThan(WAIT);
  }

  /** Same reason as above: Nest would stall on the stuck handler, which is exactly what ours avoids. */
  @Override
  void aStuckHandlerDoesNotHoldUpTheOthers() {
  }

  /** The probe is a Java test handler; the Nest server has no such pattern. */
  @Override
  void contextCarriesTheRecordsFacts() {
  }

  /** The probe is a Java test handler; the Nest server has no such pattern. */
  @Override
  void contextCarriesTheKeyAndTheMetadataWithoutNestsHeaders() {
  }

  /** Nest's ServerKafka never answers a request on an event topic: see {@link #requestOnAnEventTopicIsNeverAnsweredByNest}. */
  @Override
  void requestOnAnEventTopicGetsTheNoHandlerError() {
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
