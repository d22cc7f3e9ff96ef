package org.acme.transport.handler;

import io.micrometer.core.instrument.Tags;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.Priority;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.acme.transport.config.ServerConfig;
import org.acme.transport.metrics.AppGauges;

/**
 * Messages in flight, per transport, and the graceful drain on SIGTERM, in one place for every server. The shutdown
 * runs in three steps, each a {@link ShutdownEvent} observer priority (lower runs first; links and clients close at
 * 1000 and later, so handlers may still call other services while they finish):
 * <ol>
 * <li>{@link #STOP_TAKING}: every server stops taking new messages (unsubscribes, cancels its consumer, pauses, stops
 * accepting connections); a request that still arrives is answered 503 "not now" by the router, never started.</li>
 * <li>{@link #WAIT} (here): the handlers running finish, up to {@code nest.server.drain-timeout}. Those still running
 * then end: a request with a 503 error reply, an event with {@link HandedBack} (RabbitMQ requeues it, Kafka leaves its
 * offset uncommitted), and the replies get {@link #ANSWER_WINDOW} to go out.</li>
 * <li>{@link #CLOSE}: every server acks or commits what finished and closes.</li>
 * </ol>
 * The gauge {@code nest.server.in.flight{transport}} is one of this app's {@link AppGauges}, removed when it stops.
 */
@Singleton
public class Drain {

  /** Servers stop taking new messages. */
  public static final int STOP_TAKING = 100;
  /** The running handlers finish, within the grace. */
  public static final int WAIT = 200;
  /** Servers settle what finished and close. */
  public static final int CLOSE = 300;
  /** How long the 503 replies of the requests cut at the end of the grace get to be written before servers close. */
  static final Duration ANSWER_WINDOW = Duration.ofSeconds(1);

  private final Duration grace;
  private final AppGauges gauges;
  private final Map<String, AtomicInteger> inFlight = new ConcurrentHashMap<>();
  private final CompletableFuture<Void> graceOver = new CompletableFuture<>();
  private volatile boolean draining;

  @Inject
  Drain(ServerConfig config, AppGauges gauges) {
    this(config.drainTimeout(), gauges);
  }

  Drain(Duration grace, AppGauges gauges) {
    this.grace = grace;
    this.gauges = gauges;
  }

  /** A message of the transport started (a request, or an event). */
  public void begin(String transport) {
    inFlight.computeIfAbsent(transport, this::gauged).incrementAndGet();
  }

  /** The message started by {@link #begin} ended, however. */
  public void end(String transport) {
    inFlight.computeIfAbsent(transport, this::gauged).decrementAndGet();
  }

  /** Messages of this transport being handled now. */
  public int inFlight(String transport) {
    AtomicInteger count = inFlight.get(transport);
    return count == null ? 0 : count.get();
  }

  private AtomicInteger gauged(String transport) {
    AtomicInteger count = new AtomicInteger();
    gauges.register("nest.server.in.flight", "requests and events being handled", Tags.of("transport", transport), count, AtomicInteger::get);
    return count;
  }

  /** Whether the service is stopping: a request that arrives now is not started. */
  public boolean draining() {
    return draining;
  }

  /** The handler's values, ended by a 503 if it is still running when the grace is over. */
  <T> Multi<T> bounded(Multi<T> values) {
    Multi<Object> cut = graceOver().onItem().transformToMulti(over -> Multi.createFrom().failure(
        RpcException.withStatus(503, "the service stopped before the handler finished (nest.server.drain-timeout " + grace + "); try again")));
    Object end = new Object();
    Multi<Object> ended = values.<Object>map(value -> value).onCompletion().continueWith(end);
    @SuppressWarnings("unchecked")
    Multi<T> until = (Multi<T>) Multi.createBy().merging().streams(ended, cut).select().first(item -> item != end);
    return until;
  }

  /** The event handlers' outcome, or {@link HandedBack} if they are still running when the grace is over. */
  <T> Uni<T> bounded(Uni<T> handled) {
    Uni<T> cut = graceOver().onItem().transformToUni(over -> Uni.createFrom().failure(new HandedBack()));
    return Uni.combine().any().of(handled, cut);
  }

  /**
   * The end of the grace, a copy per subscriber: Mutiny cancels the stage it was given when its subscriber goes (every
   * handler that ends in time), which on the shared future would end the grace for everyone at once.
   */
  private Uni<Void> graceOver() {
    return Uni.createFrom().completionStage(graceOver::copy);
  }

  void onStopTaking(@Observes @Priority(STOP_TAKING - 1) ShutdownEvent event) {
    draining = true;
  }

  void onWait(@Observes @Priority(WAIT) ShutdownEvent event) {
    int running = total();
    if (running > 0) {
      Log.infof("Stopping: %d messages in flight %s, waiting up to %s for them (nest.server.drain-timeout)", running, inFlight, grace);
    }
    if (!awaitIdle(grace)) {
      Log.warnf("Stopping: %d messages still in flight after %s (nest.server.drain-timeout): requests get a 503, events go back", total(), grace);
      graceOver.complete(null);
      awaitIdle(ANSWER_WINDOW);
    }
  }

  private boolean awaitIdle(Duration within) {
    long deadline = System.nanoTime() + within.toNanos();
    while (total() > 0) {
      if (System.nanoTime() >= deadline) {
        return false;
      }
      try {
        Thread.sleep(10);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }
    return true;
  }

  private int total() {
    return inFlight.values().stream().mapToInt(AtomicInteger::get).sum();
  }

  /**
   * An event still running when the grace was over: neither done nor failed, so a transport that acknowledges hands it
   * back to the broker (RabbitMQ: nack with requeue; Kafka: its offset stays uncommitted) for another instance.
   */
  public static final class HandedBack extends RuntimeException {
    HandedBack() {
      super("the service stopped before the event handler finished (nest.server.drain-timeout); handed back", null, false, false);
    }
  }
}
