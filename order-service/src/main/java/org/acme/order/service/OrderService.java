package org.acme.order.service;

import io.smallrye.mutiny.Uni;
import jakarta.inject.Singleton;
import java.util.Optional;
import org.acme.contracts.order.CreateOrder;
import org.acme.contracts.order.Order;
import org.acme.contracts.order.PaymentOutcome;
import org.acme.order.client.OrderStatusPublisher;

/** Orders: placing one starts its saga ({@link OrderSweeper} takes up the sagas nobody runs). */
@Singleton
public class OrderService {

  private final OrderRepository orders;
  private final OrderSaga saga;
  private final OrderStatusPublisher status;

  OrderService(OrderRepository orders, OrderSaga saga, OrderStatusPublisher status) {
    this.orders = orders;
    this.saga = saga;
    this.status = status;
  }

  /** Stored before the answer goes out, so an acknowledged order is never lost; the saga runs on its own. */
  public Uni<Order> place(String orderId, CreateOrder request) {
    Order order = OrderChanges.placed(orderId, request);
    return orders.create(order).invoke(() -> {
      status.publish(OrderChanges.latest(order));
      saga.drive(orderId);
    }).replaceWith(order);
  }

  public Uni<Optional<Order>> find(String orderId) {
    return orders.find(orderId).map(found -> found.map(OrderRepository.Stored::order));
  }

  public Uni<Void> paymentCompleted(PaymentOutcome outcome) {
    return saga.paymentCompleted(outcome.orderId(), outcome.paymentId());
  }

  public void paymentFailed(PaymentOutcome outcome) {
    saga.paymentFailed(outcome.orderId());
  }
}
