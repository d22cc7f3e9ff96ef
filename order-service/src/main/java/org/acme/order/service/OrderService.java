package org.acme.order.service;

import io.smallrye.mutiny.Uni;
import jakarta.inject.Singleton;
import java.util.Optional;
import org.acme.contracts.order.CreateOrder;
import org.acme.contracts.order.Order;
import org.acme.contracts.order.PaymentOutcome;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.UUID;
import org.acme.contracts.order.OrderPatterns;
import org.acme.order.config.OrderConfig;
import org.acme.contracts.payment.PaymentResult;
import org.acme.order.client.OrderStatusPublisher;
import org.acme.order.client.PaymentClient;
import org.acme.order.service.OrderRepository.Stored;
import org.acme.transport.client.RemoteException;
import org.acme.transport.codec.NestError;
import org.acme.transport.handler.RpcException;
import org.acme.transport.tracing.LogMdc;

/** Orders: placing one starts its saga ({@link OrderSweeper} takes up the sagas nobody runs). */
@Singleton
public class OrderService {

  private final OrderRepository orders;
  private final OrderSaga saga;
  private final OrderStatusPublisher status;
  private final PaymentClient payments;
  private final MeterRegistry meters;
  private final ObjectMapper json;
  private final Duration retention;
  private final SagaTracing sagaTracing;

  OrderService(OrderRepository orders, OrderSaga saga, OrderStatusPublisher status, PaymentClient payments, MeterRegistry meters,
      ObjectMapper json, OrderConfig config, SagaTracing sagaTracing) {
    this.sagaTracing = sagaTracing;
    this.json = json;
    this.retention = config.idempotency().retention();
    this.orders = orders;
    this.saga = saga;
    this.status = status;
    this.payments = payments;
    this.meters = meters;
  }

  /**
   * Places an order once per idempotency key: stored before the answer goes out, so an acknowledged order is never
   * lost, and the saga runs on its own. The same key again (a caller's retry, a redelivery) gives the same order id;
   * the same key with another request is the caller's mistake, 422.
   */
  public Uni<String> place(String idempotencyKey, CreateOrder request) {
    Order order = OrderChanges.placed("ord-" + UUID.randomUUID(), request);
    // the trace create_order is handled in goes with the order: its saga's steps and statuses join it, whoever runs them
    Map<String, String> trace = sagaTracing.placedIn();
    return orders.createOnce(idempotencyKey, fingerprint(request), order, retention, trace).map(placement -> {
      if (placement.created()) {
        status.publish(OrderChanges.latest(order), trace);
        saga.drive(order.orderId());
      } else if (!placement.sameRequest()) {
        throw new RpcException(NestError.rejection(OrderPatterns.IDEMPOTENCY_KEY_REUSED, 422,
            "the idempotency key placed order " + placement.orderId() + " for another request; use a new key"));
      } else {
        LogMdc.order(placement.orderId(), () -> Log.debugf("order %s: placed before with the same key, answered again", placement.orderId()));
      }
      return placement.orderId();
    });
  }

  /** What makes two create_order requests the same: their whole content, hashed. */
  private String fingerprint(CreateOrder request) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(json.writeValueAsBytes(request));
      return HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException | JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  public Uni<Optional<Order>> find(String orderId) {
    return orders.find(orderId).map(found -> found.map(OrderRepository.Stored::order));
  }

  /**
   * A {@code payment_completed} event moves an order that waits for its payment to PAID only once payment-service
   * confirms a charge for that order, of its total, with that payment id: anyone who can write to the topic could
   * send such an event. One it does not confirm is parked (the handler fails, so the Kafka server dead-letters it
   * with the reason) and counted ({@code order.payment.events.rejected}). When payment-service cannot say now, the
   * event is let go: the saga asks payment-service itself, and its answer moves the order.
   */
  public Uni<Void> paymentCompleted(PaymentOutcome outcome) {
    return orders.find(outcome.orderId()).chain(found -> {
      if (found.isEmpty() || !Order.RESERVED.equals(found.get().order().status())) {
        return Uni.createFrom().voidItem(); // not waiting for a payment (any more): nothing to do
      }
      Stored stored = found.get();
      return payments.find(outcome.orderId())
          .onFailure(unknown -> !(unknown instanceof RemoteException)).recoverWithItem(unknown -> {
            LogMdc.order(outcome.orderId(), () -> Log.debugf("order %s: payment event not checked now (%s); the saga will ask",
                outcome.orderId(), unknown.getMessage()));
            return null;
          })
          .chain(charge -> {
            if (charge == null) {
              return Uni.createFrom().voidItem();
            }
            if (confirms(charge, stored.order(), outcome)) {
              return saga.paid(stored, charge.paymentId());
            }
            meters.counter("order.payment.events.rejected").increment();
            throw new RpcException(NestError.rejection("PAYMENT_NOT_CONFIRMED", 409,
                "payment_completed for order " + outcome.orderId() + " (payment " + outcome.paymentId() + ") does not match the charge "
                    + "payment-service has: " + charge.status() + " " + charge.paymentId() + " " + charge.amount()));
          })
          .onFailure(RemoteException.class).transform(none -> {
            meters.counter("order.payment.events.rejected").increment();
            return new RpcException(NestError.rejection("PAYMENT_NOT_CONFIRMED", 409,
                "payment_completed for order " + outcome.orderId() + ": payment-service has no charge to confirm it (" + none.getMessage() + ")"));
          });
    });
  }

  private static boolean confirms(PaymentResult charge, Order order, PaymentOutcome outcome) {
    return PaymentResult.COMPLETED.equals(charge.status()) && charge.amount() != null && order.total() != null
        && charge.amount().compareTo(order.total()) == 0 && charge.paymentId() != null
        && (outcome.paymentId() == null || outcome.paymentId().equals(charge.paymentId()));
  }

  public void paymentFailed(PaymentOutcome outcome) {
    saga.paymentFailed(outcome.orderId());
  }
}
