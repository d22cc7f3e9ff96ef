package org.acme.payment.client;

import io.smallrye.mutiny.Uni;
import jakarta.inject.Singleton;
import java.util.concurrent.TimeoutException;
import org.acme.contracts.order.OrderPatterns;
import org.acme.contracts.order.PaymentOutcome;
import org.acme.contracts.payment.PaymentResult;
import org.acme.payment.config.PaymentConfig;
import org.acme.transport.client.MessageOptions;
import org.acme.transport.client.NestClient;
import org.acme.transport.client.NestClients;

/**
 * Tells order-service how a payment ended, as Nest events on Kafka: {@code payment_completed} or
 * {@code payment_failed}, with a {@link PaymentOutcome}. Goes through the named client {@value #CLIENT}
 * ({@code nest.client.orders.transport=kafka}), which creates the topics when missing, as Nest consumers need.
 * The returned Uni completes once Kafka has the event (acks=all), or fails within {@code payment.event-timeout}.
 * Each event is keyed by its order id: an order's events stay in one partition, in order, and order-service handles
 * them one after another (a duplicate never races its original).
 */
@Singleton
public class OrderEventsClient {

  static final String CLIENT = "orders";

  private final NestClients clients;
  private final PaymentConfig config;

  OrderEventsClient(NestClients clients, PaymentConfig config) {
    this.clients = clients;
    this.config = config;
  }

  /** Publishes the event of a charge's outcome: COMPLETED → payment_completed, DECLINED → payment_failed. */
  public Uni<Void> publish(PaymentResult charge) {
    boolean completed = PaymentResult.COMPLETED.equals(charge.status());
    String pattern = completed ? OrderPatterns.PAYMENT_COMPLETED : OrderPatterns.PAYMENT_FAILED;
    PaymentOutcome outcome = new PaymentOutcome(charge.orderId(), charge.paymentId(), completed ? null : charge.reason());
    // The client is made on first use, so a misconfiguration fails this request with its reason, not the start-up.
    return Uni.createFrom().item(() -> clients.get(CLIENT))
        .chain((NestClient orders) -> orders.emit(pattern, outcome, MessageOptions.NONE.withKafkaKey(charge.orderId())))
        .ifNoItem().after(config.eventTimeout())
        .failWith(() -> new TimeoutException(pattern + " for order " + charge.orderId() + " not on Kafka within " + config.eventTimeout()));
  }
}
