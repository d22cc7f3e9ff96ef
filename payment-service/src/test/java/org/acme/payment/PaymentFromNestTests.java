package org.acme.payment;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.acme.contracts.payment.PaymentErrors;
import org.acme.contracts.payment.PaymentPatterns;
import org.acme.transport.testing.NestPeers;
import org.acme.transport.testing.NestPeers.Call;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A real, unmodified NestJS {@code ClientProxy} (npm {@code @nestjs/microservices}, RMQ transport) calls
 * payment-service as a Nest order-service would. The Nest client asserts the queue with its own defaults before it
 * sends, so its passing also proves the two sides declare {@code payments_queue} alike.
 */
@QuarkusTest
@WithTestResource(value = UniquePaymentNames.class, scope = TestResourceScope.GLOBAL)
class PaymentFromNestTests {

  @ConfigProperty(name = "nest.server.rmq.queue")
  String queue;

  @ConfigProperty(name = "test.run")
  String run;

  @ParameterizedTest(name = "NestJS {0}")
  @ValueSource(strings = {"11", "12"})
  void aNestClientPaysTwiceGetsOnePaymentAndMeetsTheErrorCodes(String nest) {
    String orderId = run + "-nest-" + UUID.randomUUID().toString().substring(0, 8);
    Map<String, Object> payment = Map.of("orderId", orderId, "amount", 19.99, "method", "card");
    List<JsonNode> results = NestPeers.client(NestPeers.Version.of(nest), "RMQ",
        Map.of("urls", List.of("amqp://guest:guest@127.0.0.1:5672"), "queue", queue), Map.of(), List.of(
            Call.send(PaymentPatterns.PROCESS_PAYMENT, payment),
            Call.send(PaymentPatterns.PROCESS_PAYMENT, payment),
            Call.send(PaymentPatterns.PROCESS_PAYMENT, Map.of("orderId", orderId + "-big", "amount", 1500, "method", "card")),
            Call.send(PaymentPatterns.REFUND_PAYMENT, Map.of("orderId", orderId, "reason", "customer asked")),
            Call.send(PaymentPatterns.REFUND_PAYMENT, Map.of("orderId", orderId + "-none")),
            Call.send(PaymentPatterns.PROCESS_PAYMENT, Map.of("orderId", orderId + "-bad", "method", "card"))),
        false, Duration.ofSeconds(10));

    JsonNode paid = only(results.get(0));
    assertThat(paid.path("status").asText()).isEqualTo("COMPLETED");
    assertThat(paid.path("paymentId").asText()).startsWith("pay-");
    assertThat(paid.path("orderId").asText()).isEqualTo(orderId);
    assertThat(paid.path("amount").decimalValue()).isEqualByComparingTo("19.99");
    assertThat(only(results.get(1))).as("asked again").isEqualTo(paid);

    JsonNode declined = only(results.get(2));
    assertThat(declined.path("status").asText()).isEqualTo("DECLINED");
    assertThat(declined.path("reason").asText()).isEqualTo("amount 1500 is over the limit of 1000");

    JsonNode refunded = only(results.get(3));
    assertThat(refunded.path("status").asText()).isEqualTo("REFUNDED");
    assertThat(refunded.path("paymentId").asText()).isEqualTo(paid.path("paymentId").asText());

    assertThat(results.get(4).path("ok").asBoolean()).isFalse();
    assertThat(results.get(4).path("err").path("code").asText()).isEqualTo(PaymentErrors.PAYMENT_NOT_FOUND);
    assertThat(results.get(4).path("err").path("statusCode").asInt()).isEqualTo(404);
    assertThat(results.get(5).path("err").path("statusCode").asInt()).as("no amount").isEqualTo(400);
  }

  private static JsonNode only(JsonNode result) {
    assertThat(result.path("ok").asBoolean()).as(result.toString()).isTrue();
    assertThat(result.path("values")).hasSize(1);
    return result.path("values").get(0);
  }
}
