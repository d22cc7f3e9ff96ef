package org.acme.math;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.acme.contracts.math.MathPatterns;
import org.acme.transport.client.NestClient;
import org.acme.transport.client.NestClients;
import org.acme.transport.testing.NestPeers;
import org.acme.transport.testing.NestPeers.Version;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The Java client of one transport calls a real NestJS math microservice ({@code nest-math-server.mjs}, NestJS 11 or
 * 12) instead of math-service: the catalogue, with Nest as the referee. Subclasses run under {@link NestServerProfile},
 * which switches every Java server off, and say how the Nest server is reached and where a Nest handler finds the
 * metadata the Java client sends.
 */
abstract class AgainstNestContract extends MathContract {

  private static final Map<String, NestPeers.Server> SERVERS = new ConcurrentHashMap<>();
  private final NestClients clients;

  AgainstNestContract(NestClients clients) {
    this.clients = clients;
  }

  /** The NestJS version of the server: 11 here, 12 in the {@code *AgainstNest12Tests}. */
  protected Version version() {
    return Version.V11;
  }

  /** The Nest server options for this transport. */
  protected abstract Map<String, Object> nestOptions();

  /**
   * Where this transport's Nest handler finds the metadata a Java client sent, among the places the peer reports
   * ({@code metadata}: Nest 12's getMetadata(); {@code headers}: the transport's headers; {@code packet}: the raw
   * packet's metadata field).
   */
  protected abstract Set<String> nestSeesMetadataIn(Version version);

  @BeforeEach
  void nestServerRunning() {
    SERVERS.computeIfAbsent(version() + transport(), t -> NestPeers.server(version(), transport().toUpperCase(), nestOptions()));
  }

  @AfterAll
  static void stopNestServers() {
    SERVERS.values().forEach(NestPeers.Server::close);
    SERVERS.clear();
  }

  @Override
  protected NestClient client() {
    return clients.get("math-" + transport());
  }

  /** JavaScript numbers: 0.1 + 0.2 is not 0.3 there, so only whole numbers here. */
  @Test
  @Override
  void sumAddsAList() {
    assertThat(client().send(MathPatterns.SUM, List.of(1, 2, 3), Integer.class).await().atMost(WAIT)).isEqualTo(6);
    assertThat(client().send(MathPatterns.ROLE_SUM, List.of(), Integer.class).await().atMost(WAIT)).isEqualTo(0);
  }

  /** Bean Validation is this project's; the Nest server has none (no @Test: not run). */
  @Override
  void invalidPayloadGetsAValidationError() {
  }

  /** Nest's JavaScript reads 1e10000000 as Infinity and answers it: the bound is this project's (no @Test: not run). */
  @Override
  void aNumberBombIsRefusedAtOnce() {
  }

  /** JavaScript adds null as 0 and answers 1: refusing it is this project's (no @Test: not run). */
  @Override
  void aNullInASumIsTheCallersMistake() {
  }

  /**
   * The role guard is this project's ({@code @Roles} on the Java handler); the Nest reference server has no
   * {@code {cmd:'admin'}} (no @Test: not run).
   */
  @Override
  void adminLetsOnlyACallerWithTheRoleIn() {
  }

  /**
   * The server span is ours; a Nest server makes none (no @Test: not run). That the Nest handler gets our client
   * span's trace context is in {@link #metadataReachesTheHandler()}.
   */
  @Override
  void aRequestIsAClientSpanAndItsServerSpanInOneTrace() {
  }

  /** The consumer span is ours, likewise (no @Test: not run). */
  @Override
  void anEventIsAProducerSpanAndItsConsumerSpanInOneTrace() {
  }

  /** The handler whose log line is checked is ours (no @Test: not run). */
  @Override
  void aHandlersLogLineCarriesItsTraceAndSpanIds() {
  }

  /** Nest's error for a payload it cannot use is its own (no @Test: not run). */
  @Override
  void aPayloadThatDoesNotBindIsNotEchoedBack() {
  }

  // The interceptors are this project's (InterceptProbes, TimingInterceptor); the Nest reference server has none (no @Test: not run).

  @Override
  void anInterceptorChangesTheAnswer() {
  }

  @Override
  void anInterceptorAnswersWithoutCallingTheHandler() {
  }

  @Override
  void anInterceptorSeesTheMessagesDataAndContext() {
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

  /** The Nest handler finds the Java client's metadata where its transport puts it, and the call works either way. */
  @Test
  @Override
  void metadataReachesTheHandler() {
    JsonNode info = client().send(catalogue().getData(), Map.of(), METADATA_OPTIONS, JsonNode.class).await().atMost(WAIT);
    assertNestSaw(info, nestSeesMetadataIn(version()));
  }

  /** The peer's report of what its handler saw, against the places where the metadata should be and nowhere else. */
  static void assertNestSaw(JsonNode info, Set<String> places) {
    assertThat(info.path("success").asBoolean()).as(info.toString()).isTrue();
    JsonNode seen = info.path("seen");
    for (String place : List.of("metadata", "headers", "packet")) {
      if (places.contains(place)) {
        Map<String, String> nestSaw = NestPeers.json().convertValue(seen.path(place), Map.class);
        assertThat(nestSaw).as(place + " in " + seen).containsAllEntriesOf(without(SENT_METADATA, "traceparent"));
        // and the trace context of our client span, on the wire beside the rest
        assertIsOurClientSpan(nestSaw.get("traceparent"));
      } else {
        assertThat(seen.path(place).toString()).as(place + " in " + seen).doesNotContain("x-request-id");
      }
    }
  }
}
