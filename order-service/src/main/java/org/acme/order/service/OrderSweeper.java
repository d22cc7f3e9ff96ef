package org.acme.order.service;

import io.opentelemetry.api.trace.Span;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.Cancellable;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.acme.contracts.order.Order;
import org.acme.contracts.order.StatusChange;
import org.acme.order.client.OrderStatusPublisher;
import org.acme.order.config.OrderConfig;
import org.acme.transport.tracing.LogMdc;

/**
 * Takes up sagas that nobody runs. At start-up: every unfinished order (this instance may have died in the middle
 * of them). Then every {@code order.saga.sweep-interval}: each unfinished order that has not moved for
 * {@code order.saga.stale-after} and that this instance does not run, because the instance that ran it may be
 * gone. Running a saga twice is safe (idempotent steps, compare-and-set changes), so taking up an order that a
 * live instance is still waiting on costs a few extra calls, nothing more. Each sweep also clears the retained MQTT
 * status of orders finished longer than {@code order.status-retention} ago. The start-up's taking up is a span,
 * {@code saga resume}, that each order's next step links to from the order's own trace.
 */
@Singleton
public class OrderSweeper {

  /** Retained statuses cleared per sweep at most: a backlog is worked off over several sweeps, not in one burst. */
  private static final int CLEARS_PER_SWEEP = 1_000;

  private final OrderRepository orders;
  private final OrderSaga saga;
  private final OrderStatusPublisher status;
  private final OrderConfig.Saga config;
  private final SagaTracing tracing;
  private Cancellable ticks;

  OrderSweeper(OrderRepository orders, OrderSaga saga, OrderStatusPublisher status, OrderConfig config, SagaTracing tracing) {
    this.tracing = tracing;
    this.orders = orders;
    this.saga = saga;
    this.status = status;
    this.config = config.saga();
  }

  void start(@Observes StartupEvent event) {
    Span resume = tracing.startResume();
    sweep(Duration.ZERO, resume)
        .onFailure().retry().withBackOff(Duration.ofSeconds(1), Duration.ofSeconds(30)).atMost(20)
        .onTermination().invoke(resume::end)
        .subscribe().with(resumed -> {
          resume.setAttribute("order.saga.resumed", resumed);
          if (resumed > 0) {
            Log.infof("resumed %d unfinished order sagas", resumed);
          }
        }, e -> Log.errorf("unfinished order sagas not resumed: %s", e.getMessage()));
    Duration every = config.sweepInterval();
    ticks = Multi.createFrom().ticks().startingAfter(every).every(every)
        .onOverflow().drop()
        .onItem().transformToUniAndConcatenate(tick -> sweep(config.staleAfter())
            .onFailure().invoke(e -> Log.warnf("sweep for idle order sagas failed, next in %s: %s", every, e.getMessage()))
            .onFailure().recoverWithItem(0)
            .chain(taken -> clearStatuses()
                .onFailure().invoke(e -> Log.warnf("clearing finished orders' statuses failed, next in %s: %s", every, e.getMessage()))
                .onFailure().recoverWithItem(0)))
        .subscribe().with(taken -> { });
  }

  void stop(@Observes ShutdownEvent event) {
    if (ticks != null) {
      ticks.cancel();
    }
  }

  /** Runs the saga of every unfinished order that has not moved for {@code idle} and does not run here; how many. */
  Uni<Integer> sweep(Duration idle) {
    return sweep(idle, Span.getInvalid());
  }

  /** The same, each order's next step linked to {@code cause} (a span of the start-up's resume). */
  private Uni<Integer> sweep(Duration idle, Span cause) {
    Instant movedBefore = Instant.now().minus(idle);
    return orders.unfinished()
        .onItem().transformToMulti(ids -> Multi.createFrom().iterable(ids))
        .filter(orderId -> !saga.drivenHere(orderId))
        .onItem().transformToUniAndConcatenate(orders::find)
        .filter(found -> found.isPresent() && !found.get().order().finished()
            && !lastMove(found.get().order()).isAfter(movedBefore))
        .map(found -> found.get().order().orderId())
        .invoke(orderId -> {
          if (!idle.isZero()) {
            LogMdc.order(orderId, () -> Log.infof("order %s: stood still for more than %s and runs nowhere here; taking it up", orderId, idle));
          }
          tracing.setOff(orderId, cause);
          saga.drive(orderId);
        })
        .collect().asList().map(List::size);
  }

  /**
   * Clears the retained MQTT status of each order finished more than {@code order.status-retention} ago; how many.
   * Each is marked done only once the broker has it, so an MQTT outage leaves them due for the next sweep.
   */
  Uni<Integer> clearStatuses() {
    return orders.statusesDue(CLEARS_PER_SWEEP)
        .onItem().transformToMulti(ids -> Multi.createFrom().iterable(ids))
        .onItem().transformToUniAndConcatenate(orderId -> status.clear(orderId).chain(() -> orders.statusCleared(orderId)))
        .collect().asList().map(List::size);
  }

  private static Instant lastMove(Order order) {
    List<StatusChange> history = order.history();
    return history.isEmpty() ? Instant.EPOCH : Instant.parse(history.get(history.size() - 1).at());
  }
}
