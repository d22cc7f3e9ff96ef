package org.acme.order.service;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.acme.contracts.inventory.Reservation;
import org.acme.contracts.order.Order;
import org.acme.contracts.payment.PaymentResult;
import org.acme.order.client.InventoryClient;
import org.acme.order.client.OrderStatusPublisher;
import org.acme.order.client.PaymentClient;
import org.acme.order.config.OrderConfig;
import org.acme.order.service.OrderRepository.Stored;
import org.acme.transport.client.RemoteException;

/**
 * The order saga, orchestrated: reserve the items (inventory, NATS), charge (payment, RabbitMQ), commit the
 * reservation. A refusal ends it (out of stock: REJECTED; payment declined: the reservation is cancelled,
 * CANCELLED). A service out of reach is waited for, with backoff; after {@code order.saga.compensate-after} an
 * unpaid order is compensated instead (COMPENSATING, stored first, then CANCELLED), a paid one never. Every step is
 * idempotent and every change a compare-and-set, so the saga can be run again from wherever an order stands: after
 * a crash, on a payment event, by a sweep, by two instances at once.
 */
@Singleton
public class OrderSaga {

  private final OrderRepository orders;
  private final InventoryClient inventory;
  private final PaymentClient payments;
  private final OrderStatusPublisher status;
  private final OrderConfig.Saga config;
  private final MeterRegistry meters;
  /** Orders whose current step is failing: how often, and since when (System.nanoTime). */
  private final Map<String, Failing> failing = new ConcurrentHashMap<>();
  /** Runs of the saga under way in this instance, per order (a payment event may start a second one). */
  private final Map<String, Integer> running = new ConcurrentHashMap<>();

  private record Failing(int tries, long since) {
  }

  OrderSaga(OrderRepository orders, InventoryClient inventory, PaymentClient payments, OrderStatusPublisher status,
      OrderConfig config, MeterRegistry meters) {
    this.orders = orders;
    this.inventory = inventory;
    this.payments = payments;
    this.status = status;
    this.config = config.saga();
    this.meters = meters;
  }

  /** Runs an order's saga in the background from wherever it stands until it ends; never fails. */
  public void drive(String orderId) {
    running.merge(orderId, 1, Integer::sum);
    advance(orderId).subscribe().with(order -> done(orderId), failure -> tryLater(orderId, failure));
  }

  /** Whether this instance is running the order's saga now (stepping, or waiting to try a step again). */
  public boolean drivenHere(String orderId) {
    return running.containsKey(orderId);
  }

  private void done(String orderId) {
    failing.remove(orderId);
    running.computeIfPresent(orderId, (id, runs) -> runs > 1 ? runs - 1 : null);
  }

  /** The outcome announced by payment-service: moves an order that waits for it, and is ignored otherwise. */
  public Uni<Void> paymentCompleted(String orderId, String paymentId) {
    return orders.find(orderId).chain(found -> found
        .filter(stored -> Order.RESERVED.equals(stored.order().status()))
        .map(stored -> move(stored, OrderChanges.paid(stored.order(), paymentId)).invoke(ignored -> failing.remove(orderId)))
        .orElseGet(() -> Uni.createFrom().nullItem()))
        .replaceWithVoid();
  }

  /** A declined payment: the saga asks payment-service again (it answers as before) and compensates. */
  public void paymentFailed(String orderId) {
    drive(orderId);
  }

  /**
   * One step after the other until the order is finished; fails when a service could not be reached. An order
   * this service never stored (a payment event for another deployment's order, say) is left alone: retrying
   * could not make it appear.
   */
  Uni<Order> advance(String orderId) {
    return orders.find(orderId).chain(found -> found.map(this::step).orElseGet(() -> {
      Log.warnf("order %s: not stored here, nothing to do", orderId);
      return Uni.createFrom().nullItem();
    }));
  }

  private Uni<Order> step(Stored stored) {
    Order order = stored.order();
    if (order.finished()) {
      return Uni.createFrom().item(order);
    }
    Uni<Order> next = switch (order.status()) {
      case Order.PENDING -> reserve(order);
      case Order.RESERVED -> pay(order);
      case Order.PAID -> inventory.commit(order.orderId()).map(committed -> OrderChanges.confirmed(order));
      // reserved before giving up (it has a total): a charge may have been taken, so refund it first
      case Order.COMPENSATING -> compensate(order, order.reason(), order.total() != null);
      default -> Uni.createFrom().failure(new IllegalStateException("order " + order.orderId() + ": unknown status " + order.status()));
    };
    return next.chain(changed -> move(stored, changed));
  }

  private Uni<Order> reserve(Order order) {
    return inventory.reserve(order.orderId(), order.items())
        .map(reservation -> Reservation.CANCELLED.equals(reservation.status())
            ? OrderChanges.rejected(order, "the reservation was cancelled before it was made")
            : OrderChanges.reserved(order, reservation.total()))
        .onFailure(OrderSaga::refusal).recoverWithItem(refused -> OrderChanges.rejected(order, refused.getMessage()));
  }

  private Uni<Order> pay(Order order) {
    return payments.charge(order.orderId(), order.total(), order.paymentMethod())
        .chain(result -> PaymentResult.COMPLETED.equals(result.status())
            ? Uni.createFrom().item(OrderChanges.paid(order, result.paymentId()))
            : compensate(order, "payment declined: " + result.reason(), false))
        .onFailure(OrderSaga::refusal).recoverWithUni(refused -> compensate(order, "payment refused: " + refused.getMessage(), false));
  }

  /**
   * A service's answer that the step cannot be done (out of stock, invalid): the saga ends. An answer with a
   * 5xx statusCode is the service's own trouble (a publish that failed, say) and is tried again like silence.
   */
  private static boolean refusal(Throwable failure) {
    return failure instanceof RemoteException remote && remote.err().path("statusCode").asInt(400) < 500;
  }

  /** Undoes what may have been done: the charge (if it may have happened), then the reservation. */
  private Uni<Order> compensate(Order order, String reason, boolean mayHaveCharged) {
    Uni<?> refund = mayHaveCharged
        // nothing charged is an answer too: payment-service remembers the refund, so a late charge is refused
        ? payments.refund(order.orderId(), reason).onFailure(OrderSaga::refusal).recoverWithNull()
        : Uni.createFrom().nullItem();
    return refund.chain(() -> inventory.cancel(order.orderId())).map(cancelled -> OrderChanges.cancelled(order, reason));
  }

  /** Saves the change unless somebody moved the order first, announces it, and goes on from wherever it stands now. */
  private Uni<Order> move(Stored stored, Order changed) {
    return orders.replace(stored, changed).chain(saved -> {
      if (saved) {
        status.publish(OrderChanges.latest(changed));
        meters.counter("order.saga.steps", "status", changed.status()).increment();
        Log.infof("order %s: %s (%s)", changed.orderId(), changed.status(), OrderChanges.latest(changed).detail());
      }
      return advance(changed.orderId());
    });
  }

  private void tryLater(String orderId, Throwable failure) {
    Failing now = failing.merge(orderId, new Failing(1, System.nanoTime()), (before, again) -> new Failing(before.tries() + 1, before.since()));
    long base = config.retryDelay().toMillis() << Math.min(now.tries() - 1, 20);
    Duration delay = Duration.ofMillis(Math.min(base, config.maxRetryDelay().toMillis()));
    boolean patienceUsedUp = Duration.ofNanos(System.nanoTime() - now.since()).plus(delay).compareTo(config.compensateAfter()) >= 0;
    Log.warnf("order %s: step failed (%d times): %s; trying again in %s", orderId, now.tries(), failure.getMessage(), delay);
    Uni.createFrom().voidItem().onItem().delayIt().by(delay)
        .chain(() -> patienceUsedUp ? giveUp(orderId) : advance(orderId))
        .subscribe().with(order -> done(orderId), again -> tryLater(orderId, again));
  }

  /** Failing for too long: an unpaid order is compensated; a paid one goes on being committed. */
  private Uni<Order> giveUp(String orderId) {
    return orders.find(orderId).chain(found -> {
      if (found.isEmpty()) {
        return Uni.createFrom().nullItem();
      }
      Stored stored = found.get();
      Order order = stored.order();
      if (!Order.PENDING.equals(order.status()) && !Order.RESERVED.equals(order.status())) {
        return advance(orderId);
      }
      String reason = "a service stayed out of reach for " + config.compensateAfter().toSeconds() + " s; compensated";
      // stored before anything is undone: from now on no instance charges it, and any instance can finish undoing
      return move(stored, OrderChanges.compensating(order, reason));
    });
  }
}
