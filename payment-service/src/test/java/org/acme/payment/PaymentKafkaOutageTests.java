package org.acme.payment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.smallrye.mutiny.Uni;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.acme.contracts.order.OrderPatterns;
import org.acme.contracts.payment.PaymentErrors;
import org.acme.contracts.payment.PaymentPatterns;
import org.acme.contracts.payment.PaymentRequest;
import org.acme.contracts.payment.PaymentResult;
import org.acme.payment.service.PaymentLedger;
import org.acme.transport.client.RemoteException;
import org.acme.transport.testing.FreePorts;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * Kafka is away when a payment is made: the outcome is kept, the caller is told to ask again, and asking again once
 * Kafka is back gives the same outcome and publishes its event. The service starts against a port where no Kafka
 * listens yet; the test starts a private broker there ({@link PrivateKafkaBroker}), never touching the shared one.
 */
@QuarkusTest
@TestProfile(PaymentKafkaOutageTests.KafkaAway.class)
@WithTestResource(value = UniquePaymentNames.class, scope = TestResourceScope.GLOBAL)
class PaymentKafkaOutageTests {

  public static class KafkaAway implements QuarkusTestProfile {
    private static final int PORT = FreePorts.free();

    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of("nest.kafka.bootstrap-servers", "127.0.0.1:" + PORT, "payment.event-timeout", "1s",
          "nest.client.orders.timeout", "2s", "nest.reconnect-delay", "200ms",
          // the Kafka clients' warning, every 200 ms, that no broker is there yet: expected here, and nothing else
          "quarkus.log.category.\"org.apache.kafka.clients.NetworkClient\".level", "ERROR");
    }
  }

  private final PaymentCalls payments;
  private final PaymentLedger ledger;

  @ConfigProperty(name = "nest.kafka.bootstrap-servers")
  String bootstrap;

  PaymentKafkaOutageTests(PaymentCalls payments, PaymentLedger ledger) {
    this.payments = payments;
    this.ledger = ledger;
  }

  @Test
  void theOutcomeIsKeptAndItsEventPublishedWhenAskedAgainAfterKafkaIsBack() throws Exception {
    String orderId = payments.newOrder("outage");
    PaymentRequest request = new PaymentRequest(orderId, new BigDecimal("30.00"), "card");

    // five at once: one publishes and fails, the others wait for it a bounded time; nobody hangs, all are told to retry
    List<Uni<JsonNode>> burst = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      burst.add(payments.client().send(PaymentPatterns.PROCESS_PAYMENT, request, JsonNode.class)
          .onFailure(RemoteException.class).recoverWithItem(e -> ((RemoteException) e).err()));
    }
    List<JsonNode> errors = Uni.join().all(burst).andFailFast().await().atMost(Duration.ofSeconds(15));
    assertThat(errors).allSatisfy(err -> {
      assertThat(err.path("code").asText()).as(err.toString()).isEqualTo(PaymentErrors.EVENT_NOT_PUBLISHED);
      assertThat(err.path("statusCode").asInt()).isEqualTo(503);
      assertThat(err.path("orderId").asText()).isEqualTo(orderId);
    });
    PaymentResult kept = charge(orderId).orElseThrow(() -> new AssertionError("the outcome was lost"));
    assertThat(kept.status()).isEqualTo(PaymentResult.COMPLETED);

    assertThat(payments.error(PaymentPatterns.PROCESS_PAYMENT, request).path("code").asText())
        .as("still away: still no answer but the retryable error").isEqualTo(PaymentErrors.EVENT_NOT_PUBLISHED);
    assertThat(charge(orderId)).as("and still the one charge").contains(kept);

    int port = Integer.parseInt(bootstrap.substring(bootstrap.lastIndexOf(':') + 1));
    try (PrivateKafkaBroker kafka = PrivateKafkaBroker.start(port); OrderEventsWatcher events = new OrderEventsWatcher(bootstrap)) {
      // as the saga would: ask again until the answer comes (the clients reconnect within moments)
      PaymentResult answer = await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
          .until(() -> payOrRetry(request), a -> a != null);
      assertThat(answer).isEqualTo(kept);
      await().atMost(Duration.ofSeconds(15)).until(() -> !events.of(orderId).isEmpty());
      // at least once: an attempt that timed out while Kafka was away may still land once it is back
      assertThat(events.of(orderId)).allSatisfy(event -> {
        assertThat(event.pattern()).isEqualTo(OrderPatterns.PAYMENT_COMPLETED);
        assertThat(event.outcome().paymentId()).isEqualTo(kept.paymentId());
      });
    }
  }

  private Optional<PaymentResult> charge(String orderId) {
    return ledger.charge(orderId).await().atMost(Duration.ofSeconds(5));
  }

  private PaymentResult payOrRetry(PaymentRequest request) {
    try {
      return payments.client().send(PaymentPatterns.PROCESS_PAYMENT, request, PaymentResult.class).await().atMost(PaymentCalls.WAIT);
    } catch (RemoteException e) {
      assertThat(e.err().path("code").asText()).isEqualTo(PaymentErrors.EVENT_NOT_PUBLISHED);
      return null;
    }
  }
}
