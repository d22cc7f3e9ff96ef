package org.acme.payment;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.acme.contracts.payment.PaymentErrors;
import org.acme.contracts.payment.PaymentPatterns;
import org.acme.contracts.payment.PaymentResult;
import org.acme.contracts.payment.RefundRequest;
import org.junit.jupiter.api.Test;

/** refund_payment over RabbitMQ: a completed payment is refunded once; the other cases get an error code. */
@QuarkusTest
@WithTestResource(value = UniquePaymentNames.class, scope = TestResourceScope.GLOBAL)
class PaymentRefundTests {

  private final PaymentCalls payments;

  PaymentRefundTests(PaymentCalls payments) {
    this.payments = payments;
  }

  @Test
  void aCompletedPaymentIsRefundedOnce() {
    String orderId = payments.newOrder("refund");
    PaymentResult paid = payments.pay(orderId, "25.00", "card");
    PaymentResult refunded = payments.refund(orderId, "order cancelled");
    assertThat(refunded).isEqualTo(new PaymentResult(paid.paymentId(), orderId, PaymentResult.REFUNDED, paid.amount(), "order cancelled"));
    assertThat(payments.refund(orderId, "asked again")).as("the first refund, again").isEqualTo(refunded);
    assertThat(payments.pay(orderId, "25.00", "card")).as("the charge's own answer does not change").isEqualTo(paid);
  }

  @Test
  void concurrentRefundsGiveOneRefund() {
    String orderId = payments.newOrder("refund-twenty");
    payments.pay(orderId, "25.00", "card");
    List<Uni<PaymentResult>> calls = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      calls.add(payments.client().send(PaymentPatterns.REFUND_PAYMENT, new RefundRequest(orderId, "reason " + i), PaymentResult.class));
    }
    List<PaymentResult> answers = Uni.join().all(calls).andFailFast().await().atMost(Duration.ofSeconds(30));
    assertThat(answers).containsOnly(answers.get(0));
    assertThat(answers.get(0).status()).isEqualTo(PaymentResult.REFUNDED);
  }

  @Test
  void aDeclinedPaymentHasNothingToRefund() {
    String orderId = payments.newOrder("refund-declined");
    payments.pay(orderId, "25.00", "declined-card");
    JsonNode err = payments.refundError(orderId);
    assertThat(err.path("status").asText()).isEqualTo("error");
    assertThat(err.path("code").asText()).isEqualTo(PaymentErrors.NOTHING_TO_REFUND);
    assertThat(err.path("statusCode").asInt()).isEqualTo(409);
    assertThat(err.path("orderId").asText()).isEqualTo(orderId);
    assertThat(err.path("message").asText()).contains("declined");
  }

  @Test
  void anUnknownOrderHasNoPayment() {
    String orderId = payments.newOrder("refund-unknown");
    JsonNode err = payments.refundError(orderId);
    assertThat(err.path("status").asText()).isEqualTo("error");
    assertThat(err.path("code").asText()).isEqualTo(PaymentErrors.PAYMENT_NOT_FOUND);
    assertThat(err.path("statusCode").asInt()).isEqualTo(404);
    assertThat(err.path("orderId").asText()).isEqualTo(orderId);
  }

  @Test
  void aRefundBeforeAnyChargeVoidsTheOrderSoALateChargeIsDeclined() {
    String orderId = payments.newOrder("refund-first");
    assertThat(payments.refundError(orderId).path("code").asText()).isEqualTo(PaymentErrors.PAYMENT_NOT_FOUND);
    PaymentResult late = payments.pay(orderId, "25.00", "card");
    assertThat(late.status()).as("a compensated order is not charged afterwards").isEqualTo(PaymentResult.DECLINED);
    assertThat(late.paymentId()).isNull();
    assertThat(late.reason()).contains("cancelled before it was paid");
    assertThat(payments.refundError(orderId).path("code").asText()).isEqualTo(PaymentErrors.NOTHING_TO_REFUND);
  }

  @Test
  void aRefundWithoutAnOrderIdIsInvalid() {
    JsonNode err = payments.error(PaymentPatterns.REFUND_PAYMENT, Map.of("reason", "no order"));
    assertThat(err.path("statusCode").asInt()).isEqualTo(400);
    assertThat(err.path("errors").findValuesAsText("field")).contains("orderId");
  }
}
