package org.acme.order.service;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.acme.contracts.order.CreateOrder;
import org.acme.contracts.order.Order;
import org.acme.contracts.order.StatusChange;

/** The saga's steps as changes of an order: each one a new status with a line in its history. */
final class OrderChanges {

  private OrderChanges() {
  }

  static Order placed(String orderId, CreateOrder request) {
    StatusChange first = change(orderId, Order.PENDING, "order received");
    return new Order(orderId, request.customerId(), request.items(), request.payment().method(), Order.PENDING,
        null, null, null, List.of(first));
  }

  static Order reserved(Order order, BigDecimal total) {
    return moved(order, Order.RESERVED, "items reserved, total " + total.toPlainString(), total, order.paymentId(), null);
  }

  static Order paid(Order order, String paymentId) {
    return moved(order, Order.PAID, "payment " + paymentId + " completed", order.total(), paymentId, null);
  }

  static Order confirmed(Order order) {
    return moved(order, Order.CONFIRMED, "reservation committed", order.total(), order.paymentId(), null);
  }

  /** Ended before anything was taken: out of stock, unknown item. */
  static Order rejected(Order order, String reason) {
    return moved(order, Order.REJECTED, reason, order.total(), order.paymentId(), reason);
  }

  /** The saga gave up on a service: what may have been done is undone next (the total says whether stock was reserved). */
  static Order compensating(Order order, String reason) {
    return moved(order, Order.COMPENSATING, reason, order.total(), order.paymentId(), reason);
  }

  /** Ended after compensation: the reservation cancelled, a payment refunded. */
  static Order cancelled(Order order, String reason) {
    return moved(order, Order.CANCELLED, reason, order.total(), order.paymentId(), reason);
  }

  static StatusChange latest(Order order) {
    return order.history().get(order.history().size() - 1);
  }

  private static Order moved(Order order, String status, String detail, BigDecimal total, String paymentId, String reason) {
    List<StatusChange> history = new ArrayList<>(order.history());
    history.add(change(order.orderId(), status, detail));
    return new Order(order.orderId(), order.customerId(), order.items(), order.paymentMethod(), status, total, paymentId,
        reason, List.copyOf(history));
  }

  private static StatusChange change(String orderId, String status, String detail) {
    return new StatusChange(orderId, status, Instant.now().toString(), detail);
  }
}
