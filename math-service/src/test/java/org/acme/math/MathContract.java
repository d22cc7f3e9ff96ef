package org.acme.math;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.IntStream;
import org.acme.contracts.math.MathPatterns;
import org.acme.transport.client.Deadline;
import org.acme.transport.client.DeadlineExceededException;
import org.acme.transport.client.MessageOptions;
import org.acme.transport.client.NestClient;
import org.acme.transport.client.RemoteException;
import org.acme.transport.codec.NestCodec;
import org.acme.transport.codec.PatternRoutes;
import org.acme.transport.handler.Caller;
import org.acme.transport.handler.MessageRouter;
import org.acme.transport.handler.TimingInterceptor;
import org.acme.math.handler.UserEventsController;
import org.acme.transport.testing.LogCapture;
import org.acme.transport.testing.TracedSpans;
import org.junit.jupiter.api.Test;

/**
 * Every math row of the pattern catalogue, asked through the Java client of one transport against the real
 * math-service. Each transport's test class extends this and names its client; rows a transport answers
 * differently (Kafka's string aliases) name their {@link Catalogue}.
 */
abstract class MathContract {

  static final Duration WAIT = Duration.ofSeconds(10);
  static final Map<String, String> SENT_METADATA = Map.of("x-request-id", "java-1", "traceparent",
      "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01");
  /** The metadata, plus headers for the transports that have them (ignored by the others). */
  static final MessageOptions METADATA_OPTIONS = MessageOptions.builder().metadata(SENT_METADATA)
      .natsHeader("x-nats-header", "n").rmqHeader("x-amqp-header", "r").build();

  protected abstract NestClient client();

  /** The transport name the context reports. */
  protected abstract String transport();

  /** The catalogue's patterns as this transport's callers write them. */
  record Catalogue(String sum, String sumV2, String count, String protectedData, String admin, String data, String getData,
      String usersSeen, String never) {
    /** Nest's object patterns, as most transports carry them. */
    static final Catalogue OBJECTS = new Catalogue(MathPatterns.SUM, MathPatterns.SUM_V2, MathPatterns.COUNT, MathPatterns.PROTECTED,
        MathPatterns.ADMIN, MathPatterns.DATA, MathPatterns.GET_DATA, MathPatterns.USERS_SEEN, MathPatterns.NEVER);
    /** Kafka's string aliases: a topic name cannot hold braces. */
    static final Catalogue KAFKA = new Catalogue(MathPatterns.KAFKA_SUM, MathPatterns.KAFKA_SUM_V2, MathPatterns.KAFKA_COUNT,
        MathPatterns.KAFKA_PROTECTED, MathPatterns.KAFKA_ADMIN, MathPatterns.KAFKA_DATA, MathPatterns.KAFKA_GET_DATA,
        MathPatterns.KAFKA_USERS_SEEN, MathPatterns.KAFKA_NEVER);
  }

  /** The patterns this transport's callers use: Kafka overrides with its aliases. */
  protected Catalogue catalogue() {
    return Catalogue.OBJECTS;
  }

  private JsonNode ask(String pattern, Object data) {
    return client().send(pattern, data, JsonNode.class).await().atMost(WAIT);
  }

  @Test
  void sumAddsAList() {
    assertThat(ask(catalogue().sum(), List.of(1, 2, 3)).asText()).isEqualTo("6");
    assertThat(ask(catalogue().sum(), List.of()).asText()).isEqualTo("0");
    assertThat(ask(catalogue().sum(), List.of(0.1, 0.2)).decimalValue()).isEqualByComparingTo("0.3");
  }

  /** Version 2 of sum beside version 1: v1 keeps its answer's shape, v2 answers with a summary. */
  @Test
  void aSecondVersionOfAPatternIsServedBesideTheFirst() {
    assertThat(ask(catalogue().sum(), List.of(1, 2, 3, 6)).asText()).isEqualTo("12");
    JsonNode v2 = ask(catalogue().sumV2(), List.of(1, 2, 3, 6));
    assertThat(v2.path("sum").decimalValue()).isEqualByComparingTo("12");
    assertThat(v2.path("count").asInt()).isEqualTo(4);
    assertThat(v2.path("min").decimalValue()).isEqualByComparingTo("1");
    assertThat(v2.path("max").decimalValue()).isEqualByComparingTo("6");
    assertThat(v2.path("mean").decimalValue()).isEqualByComparingTo("3");
    assertThat(ask(catalogue().sumV2(), List.of()).path("count").asInt()).isZero();
  }

  @Test
  void multiplyMultiplies() {
    assertThat(ask(MathPatterns.MULTIPLY, Map.of("a", 6, "b", 7)).asText()).isEqualTo("42");
  }

  @Test
  void countStreamsInOrder() {
    List<JsonNode> items = client().stream(catalogue().count(), Map.of("to", 5)).collect().asList().await().atMost(WAIT);
    assertThat(items).extracting(JsonNode::asInt).containsExactly(1, 2, 3, 4, 5);
  }

  @Test
  void protectedLetsTheRightTokenIn() {
    assertThat(ask(catalogue().protectedData(), Map.of("token", "secret-token")).path("message").asText()).isEqualTo("Protected data");
  }

  @Test
  void protectedTurnsAWrongTokenAway() {
    assertThatThrownBy(() -> ask(catalogue().protectedData(), Map.of("token", "guess")))
        .isInstanceOfSatisfying(RemoteException.class, e -> {
          assertThat(e.err().path("status").asText()).isEqualTo("error");
          assertThat(e.err().path("message").asText()).isEqualTo("Forbidden resource");
        });
  }

  /** The role guard reads the caller the metadata names: an admin gets in, a caller without the role and no caller do not. */
  @Test
  void adminLetsOnlyACallerWithTheRoleIn() {
    MessageOptions admin = MessageOptions.metadata(new Caller("ada", Set.of("customer", MathPatterns.ADMIN_ROLE)).metadata());
    JsonNode answer = client().send(catalogue().admin(), Map.of(), admin, JsonNode.class).await().atMost(WAIT);
    assertThat(answer.path("message").asText()).isEqualTo("Admin data");
    assertThat(answer.path("caller").asText()).isEqualTo("ada");
    MessageOptions customer = MessageOptions.metadata(new Caller("bob", Set.of("customer")).metadata());
    for (MessageOptions denied : List.of(customer, MessageOptions.NONE)) {
      assertThatThrownBy(() -> client().send(catalogue().admin(), Map.of(), denied, JsonNode.class).await().atMost(WAIT))
          .isInstanceOfSatisfying(RemoteException.class, e -> assertThat(e.err().path("message").asText()).isEqualTo("Forbidden resource"));
    }
  }

  @Test
  void dataEchoesAndItsFilterShapesTheError() {
    assertThat(ask(catalogue().data(), Map.of("x", 1)).path("x").asInt()).isEqualTo(1);
    assertThatThrownBy(() -> ask(catalogue().data(), Map.of()))
        .isInstanceOfSatisfying(RemoteException.class, e -> {
          assertThat(e.err().path("error").asText()).isEqualTo("Data is required");
          assertThat(e.err().path("timestamp").asText()).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
        });
  }

  @Test
  void getDataReportsItsContext() {
    JsonNode info = ask(catalogue().getData(), Map.of());
    assertThat(info.path("success").asBoolean()).isTrue();
    assertThat(info.path("transport").asText()).isEqualTo(transport());
    assertThat(info.path("pattern").asText()).isEqualTo(catalogue().getData());
  }

  /** Metadata set on the call, and the headers of the transport's own options, arrive as the handler's metadata. */
  @Test
  void metadataReachesTheHandler() {
    JsonNode info = client().send(catalogue().getData(), Map.of(), METADATA_OPTIONS, JsonNode.class).await().atMost(WAIT);
    Map<String, String> expected = new HashMap<>(SENT_METADATA);
    if (transport().equals("nats")) {
      expected.putAll(METADATA_OPTIONS.nats().headers());
    }
    if (transport().equals("rmq")) {
      expected.putAll(METADATA_OPTIONS.rmq().headers());
    }
    Map<String, String> seen = NestCodec.json().convertValue(info.path("metadata"), Map.class);
    // and the request's deadline, which every client stamps
    assertThat(seen).containsAllEntriesOf(without(expected, "traceparent")).containsOnlyKeys(with(expected.keySet(), Deadline.METADATA_KEY));
    assertIsOurClientSpan(seen.get("traceparent"));
    assertThat(Long.parseLong(seen.get(Deadline.METADATA_KEY))).isBetween(System.currentTimeMillis(), System.currentTimeMillis() + 10_000);
  }

  /**
   * The traceparent a handler saw names the client span of the call, in the sent traceparent's trace: the sent one
   * (passed on, with no span current) was the client span's parent, and the client put its own span on the wire.
   */
  static void assertIsOurClientSpan(String seen) {
    String sent = SENT_METADATA.get("traceparent");
    assertThat(seen).as("traceparent seen").isNotNull().startsWith(sent.substring(0, 36)).isNotEqualTo(sent);
    String traceId = sent.split("-")[1];
    String spanId = seen.split("-")[2];
    await("our CLIENT span " + spanId).atMost(WAIT).until(() -> TracedSpans.of(traceId).stream()
        .anyMatch(span -> span.getSpanId().equals(spanId) && span.getKind() == SpanKind.CLIENT && span.getParentSpanId().equals(sent.split("-")[2])));
  }

  static Map<String, String> without(Map<String, String> entries, String key) {
    Map<String, String> fewer = new HashMap<>(entries);
    fewer.remove(key);
    return fewer;
  }

  /**
   * A request is one trace: the client's CLIENT span, and the server's SERVER span as its child, the context having
   * crossed in the message's metadata; both named by the messaging conventions.
   */
  @Test
  void aRequestIsAClientSpanAndItsServerSpanInOneTrace() {
    String route = PatternRoutes.route(catalogue().sum());
    String trace = TracedSpans.within(() -> ask(catalogue().sum(), List.of(1, 2)));
    SpanData client = TracedSpans.await(trace, SpanKind.CLIENT, route);
    SpanData server = TracedSpans.await(trace, SpanKind.SERVER, route);
    assertThat(server.getParentSpanId()).isEqualTo(client.getSpanId());
    for (SpanData span : List.of(client, server)) {
      assertThat(span.getAttributes().get(TracedSpans.TRANSPORT)).isEqualTo(transport());
      assertThat(span.getAttributes().get(AttributeKey.stringKey("messaging.system"))).isEqualTo(transport().equals("rmq") ? "rabbitmq" : transport());
      assertThat(span.getAttributes().get(AttributeKey.stringKey("messaging.destination.name"))).isNotBlank();
    }
    assertThat(client.getAttributes().get(AttributeKey.stringKey("messaging.operation"))).isEqualTo("send");
    assertThat(server.getAttributes().get(AttributeKey.stringKey("messaging.operation"))).isEqualTo("process");
    AttributeKey<String> messageId = AttributeKey.stringKey("messaging.message.id");
    assertThat(client.getAttributes().get(messageId)).isNotBlank().isEqualTo(server.getAttributes().get(messageId));
  }

  /** An event is one trace too: the PRODUCER span of the emit, and the CONSUMER span of the handler as its child. */
  @Test
  void anEventIsAProducerSpanAndItsConsumerSpanInOneTrace() {
    String trace = TracedSpans.within(() -> client().emit(MathPatterns.USER_CREATED, Map.of("userId", "traced-" + UUID.randomUUID(),
        "email", "ada@example.com")).await().atMost(WAIT));
    SpanData producer = TracedSpans.await(trace, SpanKind.PRODUCER, MathPatterns.USER_CREATED);
    SpanData consumer = TracedSpans.await(trace, SpanKind.CONSUMER, MathPatterns.USER_CREATED);
    assertThat(consumer.getParentSpanId()).isEqualTo(producer.getSpanId());
    assertThat(consumer.getAttributes().get(TracedSpans.TRANSPORT)).isEqualTo(transport());
  }

  /**
   * A handler's log line carries its message's trace and span ids, in the MDC, which JSON logs
   * ({@code quarkus.log.console.json.enabled=true}) print on every line: a log line leads to its trace.
   */
  @Test
  void aHandlersLogLineCarriesItsTraceAndSpanIds() {
    String userId = "logged-" + UUID.randomUUID();
    try (LogCapture log = LogCapture.of(UserEventsController.class)) {
      String trace = TracedSpans.within(() -> client().emit(MathPatterns.USER_CREATED, Map.of("userId", userId, "email", "ada@example.com"))
          .await().atMost(WAIT));
      SpanData consumer = TracedSpans.await(trace, SpanKind.CONSUMER, MathPatterns.USER_CREATED);
      Map<String, String> mdc = await("the handler's log line").atMost(WAIT).until(() -> log.mdcOf(userId), java.util.Optional::isPresent).get();
      assertThat(mdc).containsEntry("traceId", trace).containsEntry("spanId", consumer.getSpanId());
    }
  }

  private static java.util.Set<String> with(java.util.Set<String> keys, String more) {
    java.util.Set<String> all = new java.util.HashSet<>(keys);
    all.add(more);
    return all;
  }

  /**
   * A 50-byte number bomb (adding 1 to 1e10000000 takes seconds of CPU and ten million digits) is refused when it is
   * read, within a millisecond of work, and the service goes on.
   */
  @Test
  void aNumberBombIsRefusedAtOnce() {
    long started = System.nanoTime();
    assertThatThrownBy(() -> ask(catalogue().sum(), List.of(new java.math.BigDecimal("1e10000000"), 1)))
        .isInstanceOfSatisfying(RemoteException.class, e -> {
          assertThat(e.err().path("statusCode").asInt()).isEqualTo(400);
          assertThat(e.err().path("message").asText()).contains("out of range").contains("nest.limits.number-scale");
        });
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(2));
    assertThat(ask(catalogue().sum(), List.of(new java.math.BigDecimal("1e50"), 1)).decimalValue())
        .as("1e50 is in range, and added exactly").isEqualByComparingTo(new java.math.BigDecimal("1e50").add(java.math.BigDecimal.ONE));
  }

  /** Found by the fuzz: a null among the numbers failed inside the sum, a 500. */
  @Test
  void aNullInASumIsTheCallersMistake() {
    assertThatThrownBy(() -> ask(catalogue().sum(), java.util.Arrays.asList(1, null)))
        .isInstanceOfSatisfying(RemoteException.class, e -> {
          assertThat(e.err().path("statusCode").asInt()).isEqualTo(400);
          assertThat(e.err().path("message").asText()).isEqualTo("Invalid payload: null is not a number");
        });
  }

  /** Found by the fuzz: the reason quoted the value it could not bind, whole, and a megabyte string made a megabyte error. */
  @Test
  void aPayloadThatDoesNotBindIsNotEchoedBack() {
    assertThatThrownBy(() -> ask(catalogue().count(), "x".repeat(100_000)))
        .isInstanceOfSatisfying(RemoteException.class, e -> {
          assertThat(e.err().path("statusCode").asInt()).isEqualTo(400);
          assertThat(e.err().path("message").asText()).startsWith("Invalid payload: ").hasSizeLessThan(400);
        });
  }

  @Test
  void invalidPayloadGetsAValidationError() {
    assertThatThrownBy(() -> ask(MathPatterns.MULTIPLY, Map.of("a", 6)))
        .isInstanceOfSatisfying(RemoteException.class, e -> {
          assertThat(e.err().path("statusCode").asInt()).isEqualTo(400);
          assertThat(e.err().path("message").asText()).isEqualTo("Validation failed");
        });
  }

  @Test
  void eventsAreDelivered() {
    String userId = "user-" + UUID.randomUUID();
    client().emit(MathPatterns.USER_CREATED, Map.of("userId", userId, "email", "ada@example.com")).await().atMost(WAIT);
    await().atMost(WAIT).untilAsserted(() -> assertThat(ask(catalogue().usersSeen(), Map.of()).toString()).contains(userId));
  }

  @Test
  void manyConcurrentRequestsAreCorrelated() {
    List<Integer> sums = IntStream.range(0, 500).boxed()
        .map(i -> client().send(catalogue().sum(), List.of(i, i, 1), Integer.class))
        .map(uni -> uni.subscribeAsCompletionStage())
        .toList().stream()
        .map(stage -> stage.toCompletableFuture().orTimeout(30, java.util.concurrent.TimeUnit.SECONDS).join())
        .toList();
    assertThat(sums).isEqualTo(IntStream.range(0, 500).map(i -> 2 * i + 1).boxed().toList());
  }

  @Test
  void aPatternNobodyAnswersFailsByItsDeadline() {
    long started = System.nanoTime();
    assertThatThrownBy(() -> ask(catalogue().never(), Map.of())).isInstanceOf(DeadlineExceededException.class);
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(WAIT);
  }

  /** A plain handler with an interceptor: the interceptor's answer, so the in-place path did not skip it. */
  @Test
  void anInterceptorChangesTheAnswer() {
    assertThat(ask(InterceptProbes.CHANGED, Map.of()).asInt()).isEqualTo(42);
  }

  /** The handler would fail; the interceptor answers without calling it. */
  @Test
  void anInterceptorAnswersWithoutCallingTheHandler() {
    assertThat(ask(InterceptProbes.CACHED, Map.of()).asText()).isEqualTo("cached");
  }

  @Test
  void anInterceptorSeesTheMessagesDataAndContext() {
    String id = UUID.randomUUID().toString();
    JsonNode echo = client().send(InterceptProbes.CONTEXT, Map.of("question", "q-" + id), MessageOptions.metadata(Map.of(InterceptProbes.PROBE_ID, id)),
        JsonNode.class).await().atMost(WAIT);
    assertThat(echo.path("answer").asText()).isEqualTo("handled");
    assertThat(echo.path("pattern").asText()).isEqualTo(InterceptProbes.CONTEXT);
    assertThat(echo.path("transport").asText()).isEqualTo(transport());
    assertThat(echo.path("probeId").asText()).isEqualTo(id);
    assertThat(echo.path("question").asText()).isEqualTo("q-" + id);
  }

  /** The controller's interceptors wrap the method's, and each list runs in the order it names them, as in Nest. */
  @Test
  void interceptorsRunControllerFirstThenTheMethodsInTheOrderNamed() {
    assertThat(ask(InterceptProbes.ORDER, Map.of()).asText()).isEqualTo("controller(method(method2(handler)))");
  }

  /** What an interceptor throws is answered as a handler's would be: through the handler's exception filter. */
  @Test
  void anInterceptorsRpcExceptionGoesThroughTheFilters() {
    assertThatThrownBy(() -> ask(InterceptProbes.REFUSED, Map.of()))
        .isInstanceOfSatisfying(RemoteException.class, e -> {
          assertThat(e.err().path("error").path("statusCode").asInt()).isEqualTo(409);
          assertThat(e.err().path("error").path("message").asText()).isEqualTo("refused by an interceptor");
          assertThat(e.err().path("timestamp").asText()).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
        });
  }

  @Test
  void anInterceptorsFailureAfterTheHandlerIsAnInternalError() {
    assertThatThrownBy(() -> ask(InterceptProbes.BROKEN, Map.of()))
        .isInstanceOfSatisfying(RemoteException.class, e -> {
          assertThat(e.err().path("statusCode").asInt()).isEqualTo(500);
          assertThat(e.err().path("message").asText()).isEqualTo(MessageRouter.INTERNAL_ERROR);
        });
  }

  @Test
  void everyValueOfAStreamPassesTheInterceptor() {
    List<JsonNode> items = client().stream(InterceptProbes.STREAM, Map.of()).collect().asList().await().atMost(WAIT);
    assertThat(items).extracting(JsonNode::asInt).containsExactly(10, 20, 30);
  }

  @Test
  void anEventsInterceptorRunsAroundItsHandler() {
    String id = UUID.randomUUID().toString();
    client().emit(InterceptProbes.EVENT, Map.of(), MessageOptions.metadata(Map.of(InterceptProbes.PROBE_ID, id))).await().atMost(WAIT);
    await().atMost(WAIT).untilAsserted(() -> assertThat(ask(InterceptProbes.MARKED, Map.of()).toString()).contains(id));
  }

  /** The shipped interceptor, on count: pattern, transport, outcome, values and trace id; not the payload. */
  @Test
  void theTimingInterceptorLogsACallWithItsTraceAndWithoutItsPayload() {
    try (LogCapture log = LogCapture.of(TimingInterceptor.class)) {
      String trace = TracedSpans.within(() -> client().stream(catalogue().count(), Map.of("to", 3)).collect().asList().await().atMost(WAIT));
      String line = await("the timing line").atMost(WAIT).until(() -> log.lines().stream().filter(l -> l.contains(trace)).findFirst(),
          java.util.Optional::isPresent).get();
      assertThat(line).startsWith(catalogue().count() + " over " + transport() + ": OK in ").contains("3 value(s)").doesNotContain("\"to\"");
    }
  }

  /** TCP and RabbitMQ carry the pattern in the body, so an unknown one gets Nest's no-handler error. */
  protected void assertNoHandlerReply(String unknownPattern) {
    assertThatThrownBy(() -> ask(unknownPattern, Map.of()))
        .isInstanceOfSatisfying(RemoteException.class, e -> assertThat(e.err().asText()).isEqualTo(MessageRouter.NO_HANDLER));
  }
}
