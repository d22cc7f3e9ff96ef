package org.acme.order.client;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Singleton;
import java.math.BigDecimal;
import org.acme.contracts.order.OrderRef;
import org.acme.contracts.payment.PaymentPatterns;
import org.acme.contracts.payment.PaymentRequest;
import org.acme.contracts.payment.PaymentResult;
import org.acme.contracts.payment.RefundRequest;
import org.acme.order.config.OrderConfig;
import org.acme.transport.client.GuardedClient;
import org.acme.transport.client.GuardedClients;

/**
 * payment-service over RabbitMQ ({@code nest.client.payments.*}). Payments are idempotent per order id, so a
 * retried charge is charged once and answered with the first outcome.
 */
@Singleton
public class PaymentClient {

  private final GuardedClient payments;
  private final ObjectMapper json;

  PaymentClient(GuardedClients clients, OrderConfig config, ObjectMapper json) {
    this.payments = clients.get("payments", "payments", config.calls(), "order.calls");
    this.json = json;
  }

  public Uni<PaymentResult> charge(String orderId, BigDecimal amount, String method) {
    return call(PaymentPatterns.PROCESS_PAYMENT, new PaymentRequest(orderId, amount, method));
  }

  public Uni<PaymentResult> refund(String orderId, String reason) {
    return call(PaymentPatterns.REFUND_PAYMENT, new RefundRequest(orderId, reason));
  }

  /** The order's payment as payment-service has it: the refund if any, else the charge; PAYMENT_NOT_FOUND if none. */
  public Uni<PaymentResult> find(String orderId) {
    return call(PaymentPatterns.GET_PAYMENT, new OrderRef(orderId));
  }

  private Uni<PaymentResult> call(String pattern, Object data) {
    return payments.idempotent(pattern, data).map(answer -> json.convertValue(answer, PaymentResult.class));
  }
}
