package org.acme.payment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.databind.JsonNode;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Singleton;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.acme.contracts.order.OrderRef;
import org.acme.contracts.payment.PaymentPatterns;
import org.acme.contracts.payment.PaymentRequest;
import org.acme.contracts.payment.PaymentResult;
import org.acme.contracts.payment.RefundRequest;
import org.acme.transport.client.NestClient;
import org.acme.transport.client.NestClients;
import org.acme.transport.client.RemoteException;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * payment-service called as the saga calls it: a Java Nest client over RabbitMQ ({@code nest.client.payments}),
 * and order ids that carry this test run's marker ({@code test.run}, see {@link UniquePaymentNames}).
 */
@Singleton
class PaymentCalls {

  static final Duration WAIT = Duration.ofSeconds(15);

  private final NestClient client;
  private final String run;

  PaymentCalls(NestClients clients, @ConfigProperty(name = "test.run") String run) {
    this.client = clients.get("payments");
    this.run = run;
  }

  NestClient client() {
    return client;
  }

  /** A new order id of this run, e.g. {@code <run>-refund-1a2b3c4d}. */
  String newOrder(String what) {
    return run + "-" + what + "-" + UUID.randomUUID().toString().substring(0, 8);
  }

  Uni<PaymentResult> payLater(String orderId, String amount, String method) {
    return client.send(PaymentPatterns.PROCESS_PAYMENT, new PaymentRequest(orderId, new BigDecimal(amount), method), PaymentResult.class);
  }

  PaymentResult pay(String orderId, String amount, String method) {
    return payLater(orderId, amount, method).await().atMost(WAIT);
  }

  PaymentResult refund(String orderId, String reason) {
    return client.send(PaymentPatterns.REFUND_PAYMENT, new RefundRequest(orderId, reason), PaymentResult.class).await().atMost(WAIT);
  }

  PaymentResult find(String orderId) {
    return client.send(PaymentPatterns.GET_PAYMENT, new OrderRef(orderId), PaymentResult.class).await().atMost(WAIT);
  }

  /** The error answer of a request expected to fail: the server's {@code err}, as it came. */
  JsonNode error(String pattern, Object data) {
    Throwable failure = catchThrowable(() -> client.send(pattern, data, JsonNode.class).await().atMost(WAIT));
    assertThat(failure).as("%s %s should fail", pattern, data).isInstanceOf(RemoteException.class);
    return ((RemoteException) failure).err();
  }

  JsonNode refundError(String orderId) {
    return error(PaymentPatterns.REFUND_PAYMENT, Map.of("orderId", orderId, "reason", "test"));
  }
}
