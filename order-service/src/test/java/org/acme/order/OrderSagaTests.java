package org.acme.order;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.trace.data.SpanData;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.acme.contracts.inventory.InventoryPatterns;
import org.acme.contracts.inventory.ReserveItems;
import org.acme.contracts.inventory.StockQuery;
import org.acme.contracts.order.CreateOrder;
import org.acme.contracts.order.Order;
import org.acme.contracts.order.OrderCreated;
import org.acme.contracts.order.OrderItem;
import org.acme.contracts.order.OrderPatterns;
import org.acme.contracts.order.OrderRef;
import org.acme.contracts.order.PaymentDetails;
import org.acme.contracts.order.StatusChange;
import org.acme.contracts.payment.PaymentPatterns;
import org.acme.contracts.payment.PaymentRequest;
import org.acme.contracts.payment.PaymentResult;
import org.acme.order.service.OrderRepository;
import org.acme.order.service.OrderSweeper;
import org.acme.transport.mqtt.MqttLink;
import org.acme.transport.client.NestClients;
import org.acme.transport.client.RemoteException;
import java.util.Map;
import java.util.UUID;
import org.acme.contracts.order.PaymentOutcome;
import org.acme.transport.client.MessageOptions;
import org.acme.transport.testing.LogCapture;
import org.acme.transport.testing.TracedSpans;
import org.acme.transport.testing.RawKafka;
import org.junit.jupiter.api.Test;
import org.acme.transport.testing.RecentSpans;

/**
 * The order saga end to end, on the real brokers with the real inventory-service and payment-service: orders
 * placed over Kafka as the gateway places them, stock read over NATS, statuses heard on MQTT. Services stopped
 * mid-saga show the waiting and the compensation.
 */
@QuarkusTest
@QuarkusTestResource(value = SagaServices.class, restrictToAnnotatedClass = true)
class OrderSagaTests {

  private static final Duration SAGA = Duration.ofSeconds(30);
  private static final Duration CALL = Duration.ofSeconds(15);
  private final NestClients clients;
  private final MqttLink mqtt;
  private final OrderRepository repository;
  private final MeterRegistry meters;

  OrderSagaTests(NestClients clients, MqttLink mqtt, OrderRepository repository, MeterRegistry meters) {
    this.clients = clients;
    this.mqtt = mqtt;
    this.repository = repository;
    this.meters = meters;
  }

  private String place(String sku, int quantity, String method) {
    OrderCreated created = clients.get("orders").send(OrderPatterns.CREATE_ORDER,
        new CreateOrder("ada", List.of(new OrderItem(sku, quantity)), new PaymentDetails(method)), OrderCreated.class)
        .await().atMost(CALL);
    assertThat(created.success()).isTrue();
    assertThat(created.status()).isEqualTo(Order.PENDING);
    return created.orderId();
  }

  private Order order(String orderId) {
    return clients.get("orders").send(OrderPatterns.GET_ORDER, new OrderRef(orderId), Order.class).await().atMost(CALL);
  }

  private Order finished(String orderId) {
    return await().atMost(SAGA).pollInterval(Duration.ofMillis(200)).until(() -> order(orderId), Order::finished);
  }

  private int available(String sku) {
    JsonNode levels = clients.get("inventory").send(InventoryPatterns.GET_STOCK, new StockQuery(sku), JsonNode.class).await().atMost(CALL);
    return levels.get(0).path("available").asInt();
  }

  /** Refunds the saga has asked payment-service for (answered or not), from its call timer. */
  private long refundsAsked() {
    return meters.find("order.calls").tag("pattern", PaymentPatterns.REFUND_PAYMENT).timers().stream().mapToLong(Timer::count).sum();
  }

  /** The saga's own retries finished the order: the sweep (which would finish it too, later) never took it up. */
  private static void finishedByItsOwnRetries(String orderId, LogCapture sweeps) {
    sweeps.close();
    assertThat(sweeps.lines()).as("the sweep took %s up", orderId).noneMatch(line -> line.contains(orderId));
  }

  private static List<String> statuses(Order order) {
    return order.history().stream().map(change -> change.status()).toList();
  }

  @Test
  void anOrderThatCanBeFilledIsReservedPaidAndConfirmed() {
    int before = available("widget");
    Order done = finished(place("widget", 3, "card"));
    assertThat(done.status()).isEqualTo(Order.CONFIRMED);
    assertThat(statuses(done)).containsExactly(Order.PENDING, Order.RESERVED, Order.PAID, Order.CONFIRMED);
    assertThat(done.total()).isEqualByComparingTo("29.97");
    assertThat(done.paymentId()).startsWith("pay-");
    assertThat(available("widget")).isEqualTo(before - 3);
  }

  @Test
  void moreThanTheStockIsRejectedAndTakesNothing() {
    int before = available("gizmo");
    Order done = finished(place("gizmo", before + 1, "card"));
    assertThat(done.status()).isEqualTo(Order.REJECTED);
    assertThat(done.reason()).contains("gizmo");
    assertThat(done.paymentId()).isNull();
    assertThat(available("gizmo")).isEqualTo(before);
  }

  @Test
  void aDeclinedPaymentCancelsTheReservation() {
    int before = available("gadget");
    Order done = finished(place("gadget", 2, "declined-card"));
    assertThat(done.status()).isEqualTo(Order.CANCELLED);
    // the decision is stored before the reservation is given back
    assertThat(statuses(done)).containsExactly(Order.PENDING, Order.RESERVED, Order.COMPENSATING, Order.CANCELLED);
    assertThat(done.reason()).contains("declined");
    assertThat(available("gadget")).as("the reservation was given back").isEqualTo(before);
  }

  @Test
  void anOrderWhoseInstanceDiedBeforeRunningItIsTakenUpByTheSweep() {
    int before = available("widget");
    String orderId = "ord-orphan-" + java.util.UUID.randomUUID();
    // stored as create_order stores it, by an instance that died before its saga took a step: nobody runs it
    Order orphan = new Order(orderId, "ada", List.of(new OrderItem("widget", 1)), "card", Order.PENDING, null, null, null,
        List.of(new StatusChange(orderId, Order.PENDING, java.time.Instant.now().toString(), "order received")));
    // ... in the trace its create_order was handled in, which the sweep's steps join
    String traceId = UUID.randomUUID().toString().replace("-", "");
    String placedIn = traceId.substring(16);
    repository.create(orphan, Map.of("traceparent", "00-" + traceId + "-" + placedIn + "-01")).await().atMost(CALL);
    Order done = finished(orderId);
    assertThat(done.status()).isEqualTo(Order.CONFIRMED);
    assertThat(statuses(done)).containsExactly(Order.PENDING, Order.RESERVED, Order.PAID, Order.CONFIRMED);
    assertThat(available("widget")).isEqualTo(before - 1);
    assertThat(step(traceId, "saga reserve").getParentSpanId()).isEqualTo(placedIn);
  }

  /**
   * One order, one trace: the test's create_order call, order-service's handling of it, then the saga's steps in
   * order as that handling's children (stored with the order), each step the parent of the call it makes.
   */
  @Test
  void anOrderIsOneTraceWithTheSagaStepsInOrder() {
    String[] orderId = new String[1];
    String trace = TracedSpans.within(() -> orderId[0] = place("widget", 1, "card"));
    assertThat(finished(orderId[0]).status()).isEqualTo(Order.CONFIRMED);
    SpanData created = TracedSpans.await(trace, SpanKind.SERVER, OrderPatterns.CREATE_ORDER);
    SpanData reserve = step(trace, "saga reserve");
    SpanData pay = step(trace, "saga pay");
    SpanData commit = step(trace, "saga commit");
    assertThat(List.of(reserve, pay, commit)).allSatisfy(step -> assertThat(step.getParentSpanId()).isEqualTo(created.getSpanId()));
    assertThat(reserve.getStartEpochNanos()).isLessThan(pay.getStartEpochNanos());
    assertThat(pay.getStartEpochNanos()).isLessThan(commit.getStartEpochNanos());
    assertThat(TracedSpans.await(trace, SpanKind.CLIENT, InventoryPatterns.RESERVE_ITEMS).getParentSpanId()).isEqualTo(reserve.getSpanId());
    assertThat(TracedSpans.await(trace, SpanKind.CLIENT, PaymentPatterns.PROCESS_PAYMENT).getParentSpanId()).isEqualTo(pay.getSpanId());
    assertThat(TracedSpans.await(trace, SpanKind.CLIENT, InventoryPatterns.COMMIT_RESERVATION).getParentSpanId()).isEqualTo(commit.getSpanId());
  }

  /** The first finished span of the trace with this name, waited for. */
  private static SpanData step(String trace, String name) {
    return await("span " + name + " in trace " + trace).atMost(SAGA).until(
        () -> TracedSpans.of(trace).stream().filter(span -> span.getName().equals(name)).findFirst(), java.util.Optional::isPresent).orElseThrow();
  }

  /** A request without data is the caller's 400, not a NullPointerException in the handler (a 500). */
  @Test
  void aRequestWithoutDataIsTheCallersMistake() {
    RemoteException e = org.assertj.core.api.Assertions.catchThrowableOfType(RemoteException.class, () -> clients.get("orders")
        .send(OrderPatterns.GET_ORDER, com.fasterxml.jackson.databind.node.NullNode.getInstance(), Order.class).await().atMost(CALL));
    assertThat(e.err().path("statusCode").asInt()).isEqualTo(400);
    assertThat(e.err().path("message").asText()).isEqualTo("Invalid payload: data is required");
  }

  @Test
  void anUnknownOrderIsA404ShapedError() {
    RemoteException e = org.assertj.core.api.Assertions.catchThrowableOfType(RemoteException.class,
        () -> order("ord-nobody"));
    assertThat(e.err().path("statusCode").asInt()).isEqualTo(404);
    assertThat(e.err().path("code").asText()).isEqualTo("ORDER_NOT_FOUND");
  }

  @Test
  void theLatestStatusIsRetainedOnMqttForLateSubscribers() {
    String orderId = place("widget", 1, "card");
    finished(orderId);
    List<String> heard = new CopyOnWriteArrayList<>();
    mqtt.subscribe(OrderPatterns.STATUS_TOPIC.formatted(orderId), 1,
        message -> heard.add(message.payload().toString(StandardCharsets.UTF_8))).await().atMost(CALL);
    await().atMost(CALL).until(() -> !heard.isEmpty());
    assertThat(heard.get(0)).contains("\"status\":\"CONFIRMED\"").contains(orderId);
  }

  /** A finished order expires after order.retention (8 s here) and its retained status is cleared after 5 s. */
  @Test
  void aFinishedOrderAndItsRetainedStatusGoAfterTheirRetention() throws InterruptedException {
    String orderId = place("widget", 1, "card");
    assertThat(finished(orderId).status()).isEqualTo(Order.CONFIRMED);
    assertThat(retainedStatuses(orderId)).as("retained while fresh").anyMatch(status -> status.contains("CONFIRMED"));
    await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(500)).until(() -> retainedStatuses(orderId).isEmpty());
    RemoteException gone = await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(500)).until(
        () -> org.assertj.core.api.Assertions.catchThrowableOfType(RemoteException.class, () -> order(orderId)), e -> e != null);
    assertThat(gone.err().path("statusCode").asInt()).isEqualTo(404);
  }

  /** What a new subscriber to the order's status topic is given within a second: its retained message, if any. */
  private List<String> retainedStatuses(String orderId) throws InterruptedException {
    List<String> heard = new CopyOnWriteArrayList<>();
    String topic = OrderPatterns.STATUS_TOPIC.formatted(orderId);
    mqtt.subscribe(topic, 1, message -> {
      if (message.payload().length() > 0) {
        heard.add(message.payload().toString(StandardCharsets.UTF_8));
      }
    }).await().atMost(CALL);
    Thread.sleep(1_000);
    mqtt.unsubscribe(topic).await().atMost(CALL);
    return heard;
  }

  @Test
  void aShortInventoryOutageIsRiddenOut() {
    LogCapture sweeps = LogCapture.of(OrderSweeper.class);
    SagaServices.inventory.stop();
    String orderId;
    try {
      orderId = place("widget", 1, "card");
      // NATS says at once that nobody answers: the saga waits and tries again, the order stays PENDING
      await().pollDelay(Duration.ofSeconds(2)).atMost(CALL).until(() -> Order.PENDING.equals(order(orderId).status()));
    } finally {
      SagaServices.inventory.start();
    }
    Order done = finished(orderId);
    assertThat(done.status()).isEqualTo(Order.CONFIRMED);
    assertThat(statuses(done)).containsExactly(Order.PENDING, Order.RESERVED, Order.PAID, Order.CONFIRMED);
    finishedByItsOwnRetries(orderId, sweeps);
  }

  @Test
  void aShortPaymentOutageIsRiddenOut() {
    LogCapture sweeps = LogCapture.of(OrderSweeper.class);
    SagaServices.payment.stop();
    String orderId;
    try {
      orderId = place("widget", 1, "card");
      await().atMost(CALL).until(() -> Order.RESERVED.equals(order(orderId).status()));
    } finally {
      SagaServices.payment.start();
    }
    Order done = finished(orderId);
    assertThat(done.status()).isEqualTo(Order.CONFIRMED);
    assertThat(statuses(done)).containsExactly(Order.PENDING, Order.RESERVED, Order.PAID, Order.CONFIRMED);
    finishedByItsOwnRetries(orderId, sweeps);
  }

  /** An internal error is "not now": with its Redis away, payment-service fails the charge with a 500, and the saga waits. */
  @Test
  void aRedisHiccupInPaymentServiceIsRiddenOutNotCancelled() {
    LogCapture sweeps = LogCapture.of(OrderSweeper.class);
    SagaServices.PAYMENT_REDIS.stop();
    String orderId;
    try {
      orderId = place("widget", 1, "card");
      await().pollDelay(Duration.ofSeconds(3)).atMost(CALL).until(() -> Order.RESERVED.equals(order(orderId).status()));
    } finally {
      SagaServices.PAYMENT_REDIS.start();
    }
    Order done = finished(orderId);
    assertThat(done.status()).isEqualTo(Order.CONFIRMED);
    assertThat(statuses(done)).containsExactly(Order.PENDING, Order.RESERVED, Order.PAID, Order.CONFIRMED);
    finishedByItsOwnRetries(orderId, sweeps);
  }

  /** The same create_order delivered twice (Kafka redelivers after a crash): one order, the same answer. */
  @Test
  void theSameCreateOrderDeliveredTwicePlacesOneOrder() {
    String correlationId = "twice-" + UUID.randomUUID();
    Map<String, String> headers = Map.of("kafka_correlationId", correlationId, "kafka_replyTopic", "create_order.reply",
        "kafka_replyPartition", "0");
    byte[] order = "{\"customerId\":\"ada\",\"items\":[{\"sku\":\"widget\",\"quantity\":1}],\"payment\":{\"method\":\"card\"}}"
        .getBytes(StandardCharsets.UTF_8);
    try (RawKafka raw = new RawKafka("127.0.0.1:9092", List.of("create_order.reply"))) {
      raw.send(OrderPatterns.CREATE_ORDER, order, headers);
      raw.send(OrderPatterns.CREATE_ORDER, order, headers);
      List<String> answered = await().atMost(CALL).until(() -> raw.seen("create_order.reply", "kafka_correlationId", correlationId).stream()
          .map(reply -> new String(reply.value(), StandardCharsets.UTF_8)).toList(), replies -> replies.size() == 2);
      assertThat(answered.get(0)).contains("\"orderId\":\"ord-").isEqualTo(answered.get(1));
      assertThat(finished(answered.get(0).replaceAll(".*\"orderId\":\"([^\"]+)\".*", "$1")).status()).isEqualTo(Order.CONFIRMED);
    }
  }

  /** The same idempotency key again: the same order; with another order: 422, nothing placed. */
  @Test
  void anIdempotencyKeyPlacesOneOrderAndIsNotReusedForAnother() {
    MessageOptions key = MessageOptions.builder().metadata(OrderPatterns.IDEMPOTENCY_KEY, "key-" + UUID.randomUUID()).build();
    CreateOrder one = new CreateOrder("ada", List.of(new OrderItem("widget", 1)), new PaymentDetails("card"));
    OrderCreated first = clients.get("orders").send(OrderPatterns.CREATE_ORDER, one, key, OrderCreated.class).await().atMost(CALL);
    OrderCreated again = clients.get("orders").send(OrderPatterns.CREATE_ORDER, one, key, OrderCreated.class).await().atMost(CALL);
    assertThat(again).isEqualTo(first);
    CreateOrder other = new CreateOrder("ada", List.of(new OrderItem("widget", 2)), new PaymentDetails("card"));
    RemoteException reused = org.assertj.core.api.Assertions.catchThrowableOfType(RemoteException.class,
        () -> clients.get("orders").send(OrderPatterns.CREATE_ORDER, other, key, OrderCreated.class).await().atMost(CALL));
    assertThat(reused.err().path("statusCode").asInt()).isEqualTo(422);
    assertThat(reused.err().path("code").asText()).isEqualTo(OrderPatterns.IDEMPOTENCY_KEY_REUSED);
  }

  /** A payment_completed that payment-service does not confirm is parked and counted; the order waits for the real one. */
  @Test
  void aPaymentEventWithoutAChargeIsParkedNotApplied() {
    String orderId = "ord-forged-" + UUID.randomUUID();
    Order reserved = new Order(orderId, "ada", List.of(new OrderItem("widget", 1)), "card", Order.RESERVED, new java.math.BigDecimal("9.99"),
        null, null, List.of(new StatusChange(orderId, Order.RESERVED, java.time.Instant.now().toString(), "items reserved")));
    double rejectedBefore = meters.counter("order.payment.events.rejected").count();
    try (RawKafka raw = new RawKafka("127.0.0.1:9092", List.of("payment_completed.dlq"))) {
      // reserved for real, as the saga would have, but nobody charged it yet
      clients.get("inventory").send(InventoryPatterns.RESERVE_ITEMS, new ReserveItems(orderId, reserved.items()), JsonNode.class).await().atMost(CALL);
      repository.create(reserved, Map.of()).await().atMost(CALL);
      clients.get("orders").emit(OrderPatterns.PAYMENT_COMPLETED, new PaymentOutcome(orderId, "pay-forged", null)).await().atMost(CALL);
      await().atMost(CALL).until(() -> raw.seen("payment_completed.dlq").stream()
          .anyMatch(dead -> new String(dead.value(), StandardCharsets.UTF_8).contains(orderId)));
      String reason = raw.seen("payment_completed.dlq").stream().filter(dead -> new String(dead.value(), StandardCharsets.UTF_8).contains(orderId))
          .map(dead -> RawKafka.header(dead, "nest-dead-letter-reason")).findFirst().orElseThrow();
      assertThat(reason).contains("PAYMENT_NOT_CONFIRMED");
    }
    assertThat(meters.counter("order.payment.events.rejected").count()).isGreaterThan(rejectedBefore);
    // the sweep takes the orphan up and charges it for real: never with the forged payment
    assertThat(finished(orderId).paymentId()).isNotEqualTo("pay-forged").startsWith("pay-");
  }

  @Test
  void paymentAwayTooLongIsCompensatedOnceItCanBeAndTheStockGivenBack() {
    int before = available("gadget");
    long refundsBefore = refundsAsked();
    SagaServices.payment.stop();
    String orderId;
    try {
      orderId = place("gadget", 1, "card");
      // after twelve seconds the saga gives up: COMPENSATING is stored, so nobody charges it any more, and it
      // asks for a refund
      await().atMost(Duration.ofSeconds(40)).until(() -> refundsAsked() > refundsBefore);
      // but a charge may have been taken, and only payment-service can say or undo it, so the order waits,
      // COMPENSATING, with the stock held; meanwhile the last charge it sent expires (its deadline, two seconds),
      // or payment-service, once back, would rightly take it and refund it
      await().pollDelay(Duration.ofSeconds(3)).atMost(CALL).until(() -> Order.COMPENSATING.equals(order(orderId).status()));
    } finally {
      SagaServices.payment.start();
    }
    Order done = finished(orderId);
    assertThat(done.status()).isEqualTo(Order.CANCELLED);
    assertThat(statuses(done)).containsExactly(Order.PENDING, Order.RESERVED, Order.COMPENSATING, Order.CANCELLED);
    assertThat(done.reason()).contains("out of reach");
    assertThat(done.paymentId()).isNull();
    assertThat(available("gadget")).isEqualTo(before);
    // the refund voided the order at payment-service: a charge asked for now is declined, nothing is taken
    PaymentResult late = clients.get("payments").send(PaymentPatterns.PROCESS_PAYMENT,
        new PaymentRequest(orderId, done.total(), "card"), PaymentResult.class).await().atMost(CALL);
    assertThat(late.status()).isEqualTo(PaymentResult.DECLINED);
  }

  /** Quarkus exports every finished span to each exporter bean: this one keeps them for the tests to read. */
  static class Spans {
    @Produces
    @Singleton
    static RecentSpans exporter() {
      return new RecentSpans();
    }
  }
}
