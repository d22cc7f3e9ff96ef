package org.acme.order.service;

import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.Optional;
import org.acme.contracts.order.CreateOrder;
import org.acme.contracts.order.Order;
import org.acme.contracts.order.PaymentOutcome;
import org.acme.order.client.OrderStatusPublisher;

/** Orders: placing one starts its saga; on start-up every unfinished saga is taken up again where it stood. */
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

  void resumeUnfinished(@Observes StartupEvent event) {
    orders.unfinished()
        .onFailure().retry().withBackOff(Duration.ofSeconds(1), Duration.ofSeconds(30)).atMost(20)
        .subscribe().with(ids -> {
          if (!ids.isEmpty()) {
            Log.infof("resuming %d unfinished order sagas", ids.size());
          }
          ids.forEach(saga::drive);
        }, e -> Log.errorf("unfinished order sagas not resumed: %s", e.getMessage()));
  }
}
