package org.acme.order.service;

import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Context;
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
import org.acme.transport.tracing.TraceScope;
import org.acme.transport.tracing.LogMdc;

/**
 * The order saga, orchestrated: reserve the items (inventory, NATS), charge (payment, RabbitMQ), commit the
 * reservation. A service's "no" ends it (out of stock: REJECTED) or compensates it (payment declined). "Not now" (a
 * timeout, a 5xx, a service or broker away) is tried again with backoff for {@code order.saga.compensate-after},
 * counted from the moment the step was first tried; after that an unpaid order is compensated too, a paid one never.
 * Compensating is a step of its own: the decision (COMPENSATING) is stored first, so no instance charges the order
 * any more, then the charge is refunded (asked always: a refund of an order never charged voids it) and the
 * reservation cancelled, and the order ends CANCELLED. Every step is idempotent and every change a compare-and-set,
 * so the saga can be run again from wherever an order stands: after a crash, on a payment event, by a sweep, by two
 * instances at once. See {@link StepFailures} for "no" and "not now".
 */
@Singleton
public class OrderSaga {

  private final OrderRepository orders;
  private final InventoryClient inventory;
  private final PaymentClient payments;
  private final OrderStatusPublisher status;
  private final OrderConfig.Saga config;
  private final MeterRegistry meters;
  private final SagaTracing tracing;
  /** Each order's current step in this instance: which status, first tried when (System.nanoTime), how often failed. */
  private final Map<String, Attempt> attempts = new ConcurrentHashMap<>();
  /** Runs of the saga under way in this instance, per order (a payment event may start a second one). */
  private final Map<String, Integer> running = new ConcurrentHashMap<>();

  private record Attempt(String status, long since, int failures) {
  }

  OrderSaga(OrderRepository orders, InventoryClient inventory, PaymentClient payments, OrderStatusPublisher status,
      OrderConfig config, MeterRegistry meters, SagaTracing tracing) {
    this.tracing = tracing;
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
    running.computeIfPresent(orderId, (id, runs) -> {
      if (runs > 1) {
        return runs - 1;
      }
      attempts.remove(orderId);
      tracing.forget(orderId);
      return null;
    });
  }

  /**
   * A payment event that payment-service confirmed (see {@code OrderService}): moves an order that waits for it, and
   * the saga goes on in the background (the event is done with once the order is PAID).
   */
  public Uni<Void> paid(Stored stored, String paymentId) {
    return save(stored, OrderChanges.paid(stored.order(), paymentId)).invoke(saved -> drive(stored.order().orderId())).replaceWithVoid();
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
      LogMdc.order(orderId, () -> Log.warnf("order %s: not stored here, nothing to do", orderId));
      return Uni.createFrom().nullItem();
    }));
  }

  private Uni<Order> step(Stored stored) {
    Order order = stored.order();
    if (order.finished()) {
      return Uni.createFrom().item(order);
    }
    // the patience of a step counts from its first try, whatever came before it
    attempts.compute(order.orderId(), (id, attempt) -> attempt != null && attempt.status().equals(order.status())
        ? attempt : new Attempt(order.status(), System.nanoTime(), 0));
    Span span = tracing.startStep(stored);
    Context inStep = Context.current().with(span);
    // the step's calls are made, and subscribed, with its span current: they are its children, in the order's trace
    Uni<Order> next = TraceScope.call(inStep, () -> switch (order.status()) {
      case Order.PENDING -> reserve(order);
      case Order.RESERVED -> pay(order);
      case Order.PAID -> inventory.commit(order.orderId()).map(committed -> OrderChanges.confirmed(order));
      case Order.COMPENSATING -> compensate(order);
      default -> Uni.createFrom().failure(new IllegalStateException("order " + order.orderId() + ": unknown status " + order.status()));
    });
    return next.runSubscriptionOn(TraceScope.executor(inStep))
        .onTermination().invoke((changed, failure, cancelled) -> SagaTracing.end(span, failure))
        .chain(changed -> move(stored, changed));
  }

  private Uni<Order> reserve(Order order) {
    return inventory.reserve(order.orderId(), order.items())
        .map(reservation -> Reservation.CANCELLED.equals(reservation.status())
            ? OrderChanges.rejected(order, "the reservation was cancelled before it was made")
            : OrderChanges.reserved(order, reservation.total()))
        .onFailure(refused -> StepFailures.isOneOf(refused, StepFailures.RESERVE_REFUSED))
        .recoverWithItem(refused -> OrderChanges.rejected(order, refused.getMessage()));
  }

  /** A declined charge is a decision: stored as COMPENSATING before anything is undone, by the next step. */
  private Uni<Order> pay(Order order) {
    return payments.charge(order.orderId(), order.total(), order.paymentMethod())
        .map(result -> PaymentResult.COMPLETED.equals(result.status())
            ? OrderChanges.paid(order, result.paymentId())
            : OrderChanges.compensating(order, "payment declined: " + result.reason()));
  }

  /**
   * Undoes what may have been done, whether or not it was: the refund is asked for always (a charge may have been
   * taken even when its answer never came; a refund of an order never charged voids it), then the reservation is
   * cancelled (likewise: a cancel of a reservation never made is remembered).
   */
  private Uni<Order> compensate(Order order) {
    Context step = Context.current();
    return payments.refund(order.orderId(), order.reason())
        .onFailure(settled -> StepFailures.isOneOf(settled, StepFailures.NOTHING_TO_REFUND)).recoverWithNull()
        .chain(() -> TraceScope.call(step, () -> inventory.cancel(order.orderId()))
            .onFailure(settled -> StepFailures.isOneOf(settled, StepFailures.NOTHING_TO_CANCEL)).recoverWithNull())
        .map(undone -> OrderChanges.cancelled(order, order.reason()));
  }

  /** Saves the change unless somebody moved the order first, announces it, and goes on from wherever it stands now. */
  private Uni<Order> move(Stored stored, Order changed) {
    return save(stored, changed).chain(saved -> advance(changed.orderId()));
  }

  /** Saves the change unless somebody moved the order first (false then), and announces it. */
  private Uni<Boolean> save(Stored stored, Order changed) {
    return orders.replace(stored, changed).invoke(saved -> {
      if (saved) {
        status.publish(OrderChanges.latest(changed), stored.trace());
        meters.counter("order.saga.steps", "status", changed.status()).increment();
        LogMdc.order(changed.orderId(), () -> Log.infof("order %s: %s (%s)", changed.orderId(), changed.status(),
            OrderChanges.latest(changed).detail()));
      }
    });
  }

  private void tryLater(String orderId, Throwable failure) {
    Attempt now = attempts.compute(orderId, (id, attempt) -> attempt == null
        ? new Attempt("?", System.nanoTime(), 1) : new Attempt(attempt.status(), attempt.since(), attempt.failures() + 1));
    Duration delay = SagaRetries.delay(now.failures(), config.retryDelay(), config.maxRetryDelay());
    boolean patienceUsedUp = SagaRetries.patienceUsedUp(Duration.ofNanos(System.nanoTime() - now.since()), delay, config.compensateAfter());
    LogMdc.order(orderId, () -> Log.warnf("order %s: step failed (%s, %d times): %s; trying again in %s", orderId, now.status(),
        now.failures(), failure.getMessage(), delay));
    Uni.createFrom().voidItem().onItem().delayIt().by(delay)
        .chain(() -> patienceUsedUp ? giveUp(orderId) : advance(orderId))
        .subscribe().with(order -> done(orderId), again -> tryLater(orderId, again));
  }

  /** Failing for too long: an unpaid order is compensated; a paid or compensating one goes on being tried. */
  private Uni<Order> giveUp(String orderId) {
    return orders.find(orderId).chain(found -> {
      if (found.isEmpty()) {
        return Uni.createFrom().nullItem();
      }
      Stored stored = found.get();
      Order order = stored.order();
      if (!SagaRetries.compensatesOnGivingUp(order.status())) {
        return advance(orderId);
      }
      String reason = "a service stayed out of reach for " + config.compensateAfter().toSeconds() + " s; compensated";
      // stored before anything is undone: from now on no instance charges it, and any instance can finish undoing
      return move(stored, OrderChanges.compensating(order, reason));
    });
  }
}
