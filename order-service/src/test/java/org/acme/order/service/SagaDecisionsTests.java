package org.acme.order.service;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeoutException;
import org.acme.contracts.inventory.InventoryErrors;
import org.acme.contracts.order.Order;
import org.acme.contracts.order.OrderItem;
import org.acme.contracts.payment.PaymentErrors;
import org.acme.transport.Transport;
import org.acme.transport.broker.BrokerUnavailableException;
import org.acme.transport.client.DeadlineExceededException;
import org.acme.transport.client.RemoteException;
import org.junit.jupiter.api.Test;

/**
 * The saga's decisions, in milliseconds and without a broker: which failures are "no" and which "not now", how long
 * it waits between tries and when it gives up, and what each step makes of an order. OrderSagaTests runs the same
 * saga against the real services and brokers.
 */
class SagaDecisionsTests {

  private static final ObjectMapper JSON = new ObjectMapper();

  private static RemoteException answer(String json) throws Exception {
    return new RemoteException(JSON.readTree(json));
  }

  @Test
  void onlyAKnownCodeWithA4xxIsNo() throws Exception {
    assertThat(StepFailures.isOneOf(answer("{\"status\":\"error\",\"code\":\"INSUFFICIENT_STOCK\",\"statusCode\":409,\"message\":\"x\"}"),
        StepFailures.RESERVE_REFUSED)).isTrue();
    assertThat(StepFailures.isOneOf(answer("{\"status\":\"error\",\"code\":\"UNKNOWN_SKU\",\"statusCode\":404,\"message\":\"x\"}"),
        StepFailures.RESERVE_REFUSED)).isTrue();
  }

  @Test
  void everythingElseIsNotNow() throws Exception {
    // a known code with a 5xx, a 4xx with a code the step does not know, Nest's bare internal error, a string error
    assertThat(StepFailures.isOneOf(answer("{\"status\":\"error\",\"code\":\"INSUFFICIENT_STOCK\",\"statusCode\":503,\"message\":\"x\"}"),
        StepFailures.RESERVE_REFUSED)).isFalse();
    assertThat(StepFailures.isOneOf(answer("{\"status\":\"error\",\"code\":\"SOMETHING_NEW\",\"statusCode\":409,\"message\":\"x\"}"),
        StepFailures.RESERVE_REFUSED)).isFalse();
    assertThat(StepFailures.isOneOf(answer("{\"status\":\"error\",\"message\":\"Internal server error\"}"), StepFailures.RESERVE_REFUSED)).isFalse();
    assertThat(StepFailures.isOneOf(answer("\"Internal server error\""), StepFailures.RESERVE_REFUSED)).isFalse();
    assertThat(StepFailures.isOneOf(answer("{\"status\":\"error\",\"code\":\"INSUFFICIENT_STOCK\",\"message\":\"x\"}"),
        StepFailures.RESERVE_REFUSED)).as("a code without a statusCode").isFalse();
    // and whatever is not an answer at all
    assertThat(StepFailures.isOneOf(new DeadlineExceededException("nats", "reserve", Duration.ofSeconds(2)), StepFailures.RESERVE_REFUSED)).isFalse();
    assertThat(StepFailures.isOneOf(new BrokerUnavailableException(Transport.NATS, "nats://127.0.0.1:4222"), StepFailures.RESERVE_REFUSED)).isFalse();
    assertThat(StepFailures.isOneOf(new TimeoutException(), StepFailures.RESERVE_REFUSED)).isFalse();
  }

  @Test
  void anUndoThatFindsNothingToUndoIsDoneNotRetried() throws Exception {
    assertThat(StepFailures.isOneOf(answer("{\"code\":\"" + PaymentErrors.PAYMENT_NOT_FOUND + "\",\"statusCode\":404}"),
        StepFailures.NOTHING_TO_REFUND)).isTrue();
    assertThat(StepFailures.isOneOf(answer("{\"code\":\"" + InventoryErrors.UNKNOWN_RESERVATION + "\",\"statusCode\":404}"),
        StepFailures.NOTHING_TO_CANCEL)).isTrue();
    // the codes belong to their step: inventory's "unknown reservation" says nothing about a refund
    assertThat(StepFailures.isOneOf(answer("{\"code\":\"" + InventoryErrors.UNKNOWN_RESERVATION + "\",\"statusCode\":404}"),
        StepFailures.NOTHING_TO_REFUND)).isFalse();
  }

  @Test
  void theWaitDoublesFromTheBaseUpToTheCap() {
    Duration base = Duration.ofMillis(200);
    Duration cap = Duration.ofSeconds(5);
    assertThat(List.of(1, 2, 3, 4, 5, 6, 7).stream().map(n -> SagaRetries.delay(n, base, cap).toMillis()).toList())
        .containsExactly(200L, 400L, 800L, 1600L, 3200L, 5000L, 5000L);
    // however many failures: no overflow to a negative or tiny wait
    assertThat(SagaRetries.delay(Integer.MAX_VALUE, base, cap)).isEqualTo(cap);
    assertThat(SagaRetries.delay(0, base, cap)).isEqualTo(base);
  }

  @Test
  void patienceCountsFromTheFirstTryAndIncludesTheNextWait() {
    Duration patience = Duration.ofSeconds(30);
    assertThat(SagaRetries.patienceUsedUp(Duration.ofSeconds(20), Duration.ofSeconds(5), patience)).isFalse();
    assertThat(SagaRetries.patienceUsedUp(Duration.ofSeconds(26), Duration.ofSeconds(5), patience)).as("the next try would be late").isTrue();
    assertThat(SagaRetries.patienceUsedUp(Duration.ofSeconds(25), Duration.ofSeconds(5), patience)).isTrue();
  }

  @Test
  void givingUpCompensatesOnlyWhatIsNotPaidYet() {
    assertThat(SagaRetries.compensatesOnGivingUp(Order.PENDING)).isTrue();
    assertThat(SagaRetries.compensatesOnGivingUp(Order.RESERVED)).isTrue();
    assertThat(SagaRetries.compensatesOnGivingUp(Order.PAID)).as("paid: must be confirmed, however long").isFalse();
    assertThat(SagaRetries.compensatesOnGivingUp(Order.COMPENSATING)).as("undoing: must finish undoing").isFalse();
  }

  @Test
  void eachStepAddsOneLineToTheHistoryAndKeepsWhatCameBefore() {
    Order placed = new Order("o-1", "ada", List.of(new OrderItem("SKU-1", 2)), "card", Order.PENDING, null, null, null, List.of());
    Order reserved = OrderChanges.reserved(placed, new BigDecimal("20.00"));
    Order paid = OrderChanges.paid(reserved, "pay-1");
    Order confirmed = OrderChanges.confirmed(paid);

    assertThat(confirmed.history()).extracting(change -> change.status()).containsExactly(Order.RESERVED, Order.PAID, Order.CONFIRMED);
    assertThat(confirmed.total()).isEqualByComparingTo("20.00");
    assertThat(confirmed.paymentId()).isEqualTo("pay-1");
    assertThat(confirmed.reason()).isNull();
    assertThat(confirmed.finished()).isTrue();
    assertThat(placed.history()).as("the order it came from is unchanged").isEmpty();
  }

  @Test
  void anOrderThatEndsEarlySaysWhy() {
    Order reserved = OrderChanges.reserved(new Order("o-2", "ada", List.of(), "card", Order.PENDING, null, null, null, List.of()), BigDecimal.TEN);
    Order compensating = OrderChanges.compensating(reserved, "payment declined: card expired");
    Order cancelled = OrderChanges.cancelled(compensating, compensating.reason());

    assertThat(compensating.finished()).isFalse();
    assertThat(cancelled.status()).isEqualTo(Order.CANCELLED);
    assertThat(cancelled.reason()).isEqualTo("payment declined: card expired");
    assertThat(OrderChanges.latest(cancelled).detail()).isEqualTo("payment declined: card expired");
    assertThat(OrderChanges.rejected(reserved, "SKU-9 is out of stock").reason()).isEqualTo("SKU-9 is out of stock");
  }
}
