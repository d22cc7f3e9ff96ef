package org.acme.order.handler;

import io.smallrye.mutiny.Uni;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.acme.contracts.order.CreateOrder;
import org.acme.contracts.order.Order;
import org.acme.contracts.order.OrderCreated;
import org.acme.contracts.order.OrderPatterns;
import org.acme.contracts.order.OrderRef;
import org.acme.contracts.order.PaymentOutcome;
import org.acme.order.service.OrderService;
import org.acme.transport.codec.NestError;
import org.acme.transport.handler.Caller;
import org.acme.transport.handler.EventPattern;
import org.acme.transport.handler.MessageContext;
import org.acme.transport.handler.MessageController;
import org.acme.transport.handler.MessagePattern;
import org.acme.transport.handler.RpcException;

/** order-service's patterns, on Kafka: orders in, their state out, payment outcomes as events. */
@MessageController
public class OrderController {

  private final OrderService orders;

  OrderController(OrderService orders) {
    this.orders = orders;
  }

  /**
   * Answers at once with the order id; the saga runs on, and {@code get_order} or MQTT tell how it ends. Once per
   * idempotency key (metadata {@value OrderPatterns#IDEMPOTENCY_KEY}); a request without one is placed once per
   * Kafka correlation id, which every redelivery of it carries.
   */
  @MessagePattern(OrderPatterns.CREATE_ORDER)
  public Uni<OrderCreated> create(@NotNull @Valid CreateOrder request, MessageContext context) {
    context.caller().filter(caller -> !caller.subject().equals(request.customerId())).ifPresent(caller -> {
      throw new RpcException(NestError.rejection("NOT_YOUR_CUSTOMER_ID", 403,
          "an order is placed for its caller: customerId must be " + caller.subject()));
    });
    return orders.place(idempotencyKey(context), request).map(orderId -> new OrderCreated(true, orderId, Order.PENDING));
  }

  private static String idempotencyKey(MessageContext context) {
    return context.metadata(OrderPatterns.IDEMPOTENCY_KEY).map(key -> "key:" + key)
        .or(() -> context.detail("headers").filter(Map.class::isInstance).map(headers -> ((Map<?, ?>) headers).get("kafka_correlationId"))
            .map(id -> "correlation:" + id))
        .orElseGet(() -> "once:" + UUID.randomUUID());
  }

  /** An order belongs to its customer: for a caller the edge named, another customer's order does not exist (404). */
  @MessagePattern(OrderPatterns.GET_ORDER)
  public Uni<Order> get(@NotNull @Valid OrderRef ref, MessageContext context) {
    Optional<Caller> caller = context.caller();
    return orders.find(ref.orderId()).map(found -> found
        .filter(order -> caller.isEmpty() || caller.get().subject().equals(order.customerId()))
        .orElseThrow(() -> new RpcException(NestError.rejection("ORDER_NOT_FOUND", 404, "no order " + ref.orderId()))));
  }

  @EventPattern(OrderPatterns.PAYMENT_COMPLETED)
  public Uni<Void> paymentCompleted(@NotNull @Valid PaymentOutcome outcome) {
    return orders.paymentCompleted(outcome);
  }

  @EventPattern(OrderPatterns.PAYMENT_FAILED)
  public void paymentFailed(@NotNull @Valid PaymentOutcome outcome) {
    orders.paymentFailed(outcome);
  }
}
