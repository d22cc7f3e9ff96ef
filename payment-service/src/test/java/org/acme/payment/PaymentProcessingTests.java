package org.acme.payment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.redis.datasource.RedisDataSource;
import io.smallrye.mutiny.Uni;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import org.acme.contracts.order.OrderPatterns;
import org.acme.contracts.order.PaymentOutcome;
import org.acme.contracts.payment.PaymentPatterns;
import org.acme.contracts.payment.PaymentResult;
import org.acme.payment.config.PaymentConfig;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.acme.transport.client.RemoteException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * process_payment over RabbitMQ, as the saga calls it: the processor's rules, idempotency per order (sequential and
 * concurrent), invalid data, and the events a real Kafka consumer sees.
 */
@QuarkusTest
@WithTestResource(value = UniquePaymentNames.class, scope = TestResourceScope.GLOBAL)
class PaymentProcessingTests {

  private static OrderEventsWatcher events;

  private final PaymentCalls payments;
  private final RedisDataSource redis;
  private final PaymentConfig config;

  PaymentProcessingTests(PaymentCalls payments, RedisDataSource redis, PaymentConfig config) {
    this.payments = payments;
    this.redis = redis;
    this.config = config;
  }

  /** Every fact of a payment (its charge, its refund, its event's state) expires after payment.retention (30 days). */
  @Test
  void aPaymentsFactsExpireAfterTheRetention() {
    String orderId = payments.newOrder("kept");
    payments.pay(orderId, "10.00", "card");
    payments.refund(orderId, "test");
    for (String fact : List.of("charge", "refund", "event")) {
      await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(redis.key().pttl(config.keyPrefix() + fact + ":" + orderId)).as(fact)
          .isBetween(Duration.ofDays(30).minusMinutes(1).toMillis(), Duration.ofDays(30).toMillis()));
    }
  }

  @BeforeAll
  static void watchEvents() {
    events = new OrderEventsWatcher(ConfigProvider.getConfig().getValue("nest.kafka.bootstrap-servers", String.class));
  }

  @AfterAll
  static void stopWatching() {
    events.close();
  }

  @Test
  void aPaymentWithinTheRulesIsCompletedAndOrderServiceHearsOfIt() {
    String orderId = payments.newOrder("ok");
    PaymentResult result = payments.pay(orderId, "42.50", "card");
    assertThat(result.status()).isEqualTo(PaymentResult.COMPLETED);
    assertThat(result.paymentId()).startsWith("pay-");
    assertThat(result.orderId()).isEqualTo(orderId);
    assertThat(result.amount()).isEqualByComparingTo("42.50");
    assertThat(result.reason()).isNull();
    // the answer came after Kafka took the event, so it is there to be read
    await().atMost(Duration.ofSeconds(15)).until(() -> !events.of(orderId).isEmpty());
    assertThat(events.of(orderId)).containsExactly(
        new OrderEventsWatcher.Event(OrderPatterns.PAYMENT_COMPLETED, new PaymentOutcome(orderId, result.paymentId(), null)));
    assertThat(events.keysOf(orderId)).as("keyed by the order id: order-service handles an order's events in order").containsExactly(orderId);
  }

  @Test
  void theLimitItselfIsAcceptedAndACentMoreIsDeclined() {
    assertThat(payments.pay(payments.newOrder("limit"), "1000", "card").status()).isEqualTo(PaymentResult.COMPLETED);
    String orderId = payments.newOrder("over");
    PaymentResult over = payments.pay(orderId, "1000.01", "card");
    assertThat(over.status()).isEqualTo(PaymentResult.DECLINED);
    assertThat(over.paymentId()).as("no money taken, no payment").isNull();
    assertThat(over.reason()).isEqualTo("amount 1000.01 is over the limit of 1000");
    await().atMost(Duration.ofSeconds(15)).until(() -> !events.of(orderId).isEmpty());
    assertThat(events.of(orderId)).containsExactly(
        new OrderEventsWatcher.Event(OrderPatterns.PAYMENT_FAILED, new PaymentOutcome(orderId, null, over.reason())));
  }

  /** An amount is positive, with at most two decimals, and in range: anything else is the caller's mistake, 400. */
  @ParameterizedTest
  @ValueSource(strings = {"-1", "0", "1.234", "1e2000000000", "12345678901234567"})
  void anAmountThatIsNoAmountIs400AndTakesNothing(String amount) {
    String orderId = payments.newOrder("bad-amount");
    Throwable refused = catchThrowable(() -> payments.pay(orderId, amount, "card"));
    assertThat(refused).isInstanceOf(RemoteException.class);
    assertThat(((RemoteException) refused).err().path("statusCode").asInt()).isEqualTo(400);
    assertThat(catchThrowable(() -> payments.find(orderId))).as("nothing recorded for it").isInstanceOf(RemoteException.class);
  }

  @Test
  void aDeclinedMethodIsDeclinedWhateverTheAmount() {
    PaymentResult result = payments.pay(payments.newOrder("card"), "1", "declined-card");
    assertThat(result.status()).isEqualTo(PaymentResult.DECLINED);
    assertThat(result.reason()).isEqualTo("method 'declined-card' is declined");
    assertThat(payments.pay(payments.newOrder("card-over"), "5000", "declined-card").reason())
        .as("the method is looked at first").isEqualTo("method 'declined-card' is declined");
  }

  @Test
  void askingAgainGivesTheFirstAnswerWhateverTheData() {
    String paid = payments.newOrder("again");
    PaymentResult first = payments.pay(paid, "10", "card");
    assertThat(payments.pay(paid, "10", "card")).isEqualTo(first);
    assertThat(payments.pay(paid, "5000", "declined-card")).as("other data, same order").isEqualTo(first);

    String declined = payments.newOrder("again-declined");
    PaymentResult refused = payments.pay(declined, "10", "declined-card");
    assertThat(payments.pay(declined, "10", "card")).as("a declined order stays declined").isEqualTo(refused);
    await().atMost(Duration.ofSeconds(15)).until(() -> !events.of(paid).isEmpty() && !events.of(declined).isEmpty());
    // one event each, and still one a second later: a duplicate on its way would show within it (every answer
    // above came only once its order's event was on Kafka)
    await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3))
        .until(() -> events.of(paid).size() == 1 && events.of(declined).size() == 1);
  }

  /**
   * Twenty requests for one order at once, with data that would give different outcomes: one outcome is stored,
   * every request answers it, one charge is counted, and exactly one event goes out. Every answer comes only once
   * the event is on Kafka, so after the last answer no further event can be on its way: a second later, the count
   * is final.
   */
  @Test
  void twentyConcurrentDuplicatesChargeOnceAndPublishOnce() throws InterruptedException {
    String orderId = payments.newOrder("twenty");
    double chargesBefore = PaymentMetrics.charges();
    List<Uni<PaymentResult>> calls = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      String method = i % 3 == 0 ? "declined-card" : "card";
      String amount = i % 3 == 1 ? "5000" : String.valueOf(10 + i);
      calls.add(payments.payLater(orderId, amount, method));
    }
    List<PaymentResult> answers = Uni.join().all(calls).andFailFast().await().atMost(Duration.ofSeconds(30));

    assertThat(new HashSet<>(answers)).as("one outcome for all").hasSize(1);
    PaymentResult outcome = answers.get(0);
    assertThat(PaymentMetrics.charges() - chargesBefore).as("charges counted").isEqualTo(1.0);
    await().atMost(Duration.ofSeconds(15)).until(() -> !events.of(orderId).isEmpty());
    Thread.sleep(1000);
    String pattern = outcome.status().equals(PaymentResult.COMPLETED) ? OrderPatterns.PAYMENT_COMPLETED : OrderPatterns.PAYMENT_FAILED;
    assertThat(events.of(orderId)).containsExactly(
        new OrderEventsWatcher.Event(pattern, new PaymentOutcome(orderId, outcome.paymentId(), outcome.paymentId() == null ? outcome.reason() : null)));
  }

  @Test
  void twentyConcurrentValidDuplicatesGetOnePaymentId() {
    String orderId = payments.newOrder("twenty-ok");
    List<Uni<PaymentResult>> calls = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      calls.add(payments.payLater(orderId, "99.99", "card"));
    }
    List<PaymentResult> answers = Uni.join().all(calls).andFailFast().await().atMost(Duration.ofSeconds(30));
    assertThat(answers).extracting(PaymentResult::paymentId).containsOnly(answers.get(0).paymentId()).doesNotContainNull();
    assertThat(answers).extracting(PaymentResult::status).containsOnly(PaymentResult.COMPLETED);
  }

  @Test
  void invalidDataGetsAValidationErrorAndNoPayment() {
    String orderId = payments.newOrder("invalid");
    assertValidationError(Map.of("orderId", orderId, "method", "card"), "amount");
    assertValidationError(Map.of("orderId", orderId, "amount", -1, "method", "card"), "amount");
    assertValidationError(Map.of("orderId", orderId, "amount", 10, "method", " "), "method");
    assertValidationError(Map.of("orderId", "", "amount", 10, "method", "card"), "orderId");
    JsonNode notANumber = payments.error(PaymentPatterns.PROCESS_PAYMENT, Map.of("orderId", orderId, "amount", "ten", "method", "card"));
    assertThat(notANumber.path("statusCode").asInt()).isEqualTo(400);
    assertThat(notANumber.path("message").asText()).startsWith("Invalid payload");
    // nothing was recorded: the order can still be paid, and only now
    assertThat(payments.pay(orderId, "10", "card").status()).isEqualTo(PaymentResult.COMPLETED);
  }

  /** A request without data is the caller's 400, as any invalid one: no handler reads a field of a missing request (a 500). */
  @Test
  void aRequestWithoutDataIsTheCallersMistake() {
    for (String pattern : List.of(PaymentPatterns.PROCESS_PAYMENT, PaymentPatterns.REFUND_PAYMENT, PaymentPatterns.GET_PAYMENT)) {
      JsonNode err = payments.error(pattern, com.fasterxml.jackson.databind.node.NullNode.getInstance());
      assertThat(err.path("statusCode").asInt()).as(pattern).isEqualTo(400);
      assertThat(err.path("message").asText()).as(pattern).isEqualTo("Invalid payload: data is required");
    }
  }

  private void assertValidationError(Map<String, Object> data, String field) {
    JsonNode err = payments.error(PaymentPatterns.PROCESS_PAYMENT, data);
    assertThat(err.path("status").asText()).isEqualTo("error");
    assertThat(err.path("statusCode").asInt()).isEqualTo(400);
    assertThat(err.path("message").asText()).isEqualTo("Validation failed");
    assertThat(err.path("errors").findValuesAsText("field")).as(err.toString()).contains(field);
  }
}
