package org.acme.payment;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.Map;
import org.acme.contracts.payment.PaymentErrors;
import org.acme.contracts.payment.PaymentPatterns;
import org.acme.contracts.payment.PaymentResult;
import org.junit.jupiter.api.Test;

/** get_payment over RabbitMQ: an order's payment as it stands, read-only. */
@QuarkusTest
@WithTestResource(value = UniquePaymentNames.class, scope = TestResourceScope.GLOBAL)
class PaymentLookupTests {

  private final PaymentCalls payments;

  PaymentLookupTests(PaymentCalls payments) {
    this.payments = payments;
  }

  @Test
  void aPaymentReadsAsItWasChargedThenAsRefunded() {
    String orderId = payments.newOrder("lookup");
    PaymentResult paid = payments.pay(orderId, "12.30", "card");
    assertThat(payments.find(orderId)).isEqualTo(paid);
    PaymentResult refunded = payments.refund(orderId, "changed my mind");
    assertThat(payments.find(orderId)).isEqualTo(refunded);
    assertThat(payments.find(orderId).status()).isEqualTo(PaymentResult.REFUNDED);
  }

  @Test
  void aDeclinedPaymentReadsDeclinedWithItsReason() {
    String orderId = payments.newOrder("lookup-declined");
    payments.pay(orderId, "12.30", "declined-card");
    PaymentResult found = payments.find(orderId);
    assertThat(found.status()).isEqualTo(PaymentResult.DECLINED);
    assertThat(found.reason()).contains("declined-card");
  }

  @Test
  void anOrderNeverChargedIsNotFoundAndLookingDoesNotVoidIt() {
    String orderId = payments.newOrder("lookup-none");
    JsonNode err = payments.error(PaymentPatterns.GET_PAYMENT, Map.of("orderId", orderId));
    assertThat(err.path("code").asText()).isEqualTo(PaymentErrors.PAYMENT_NOT_FOUND);
    assertThat(err.path("statusCode").asInt()).isEqualTo(404);
    assertThat(payments.pay(orderId, "12.30", "card").status()).as("a lookup is no refund").isEqualTo(PaymentResult.COMPLETED);
  }

  @Test
  void aLookupWithoutAnOrderIdIsInvalid() {
    JsonNode err = payments.error(PaymentPatterns.GET_PAYMENT, Map.of());
    assertThat(err.path("statusCode").asInt()).isEqualTo(400);
    assertThat(err.path("errors").findValuesAsText("field")).contains("orderId");
  }
}
