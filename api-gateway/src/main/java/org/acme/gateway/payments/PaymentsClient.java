package org.acme.gateway.payments;

import com.fasterxml.jackson.databind.JsonNode;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Singleton;
import org.acme.contracts.order.OrderRef;
import org.acme.contracts.payment.PaymentPatterns;
import org.acme.gateway.config.GatewayConfig;
import org.acme.gateway.rest.CallerMetadata;
import org.acme.transport.client.GuardedClient;
import org.acme.transport.client.GuardedClients;

/**
 * payment-service over RabbitMQ ({@code nest.client.payments.*}), read-only: charging and refunding belong to the
 * saga in order-service, so the gateway can look a payment up but never take or give back money.
 */
@Singleton
public class PaymentsClient {

  private final GuardedClient payments;

  PaymentsClient(GuardedClients clients, GatewayConfig config) {
    this.payments = clients.get("payments", "payments over rmq", config.calls(), "gateway.calls");
  }

  public Uni<JsonNode> find(String orderId) {
    return payments.idempotent(PaymentPatterns.GET_PAYMENT, new OrderRef(orderId), CallerMetadata.options());
  }
}
