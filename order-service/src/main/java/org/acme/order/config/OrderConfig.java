package org.acme.order.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import org.acme.transport.client.CallPolicy;

/** The order saga's settings. The clients themselves are {@code nest.client.inventory.*} and {@code nest.client.payments.*}. */
@ConfigMapping(prefix = "order")
public interface OrderConfig {

  /** Deadline, retries, circuit breaker and bulkhead of each call to inventory and payment: {@code order.calls.*}. */
  CallPolicy calls();

  Saga saga();

  /** Placing an order once per idempotency key. */
  Idempotency idempotency();

  /**
   * How long a finished order (CONFIRMED or CANCELLED) stays in Redis, readable with {@code get_order}; then it
   * expires (a 404), so anonymous order creation cannot fill Redis for ever. Unfinished orders never expire. At
   * least {@code order.idempotency.retention}, checked at start: a key must not outlive the order it names.
   * Default 30d.
   */
  @WithDefault("30d")
  Duration retention();

  /**
   * How long an order's retained MQTT status ({@code orders/{orderId}/status}) stays on the broker once the order is
   * finished; then it is cleared (an empty retained message), so the broker does not keep one message per order
   * ever placed. Kept in Redis and cleared by the sweep, so a restart does not forget it. Default 1h.
   */
  @WithDefault("1h")
  Duration statusRetention();

  interface Idempotency {
    /**
     * How long a key is remembered with the order it placed: a retry or a redelivery within this window gets that
     * order; after it, the same key places a new one. Default 24h.
     */
    @WithDefault("24h")
    Duration retention();
  }

  interface Saga {
    /** Prefix of the Redis keys that hold orders and the set of unfinished ones. Default {@code orders}. */
    @WithDefault("orders")
    String keyPrefix();

    /** The first wait before a step that failed for want of a service is tried again; it doubles up to the max. Default 1s. */
    @WithDefault("1s")
    Duration retryDelay();

    /**
     * The longest wait between two tries of a step: well below {@code compensate-after}, so a service back after
     * an outage is noticed within seconds, not after one long last wait. Default 5s.
     */
    @WithDefault("5s")
    Duration maxRetryDelay();

    /**
     * The saga's patience: how long a step may keep failing for want of a service ("not now": a timeout, a 5xx, a
     * broker away), counted from the step's first try, before the saga compensates (refunds, cancels the
     * reservation) instead of waiting on. Time rather than tries, so a circuit breaker failing fast does not use
     * the patience up; minutes, so an outage of a broker or a restart of a service is ridden out. A paid order is
     * never compensated: its commit is tried until it succeeds. Default 5m.
     */
    @WithDefault("5m")
    Duration compensateAfter();

    /** How often this instance looks for unfinished orders that nobody seems to run. Default 15s. */
    @WithDefault("15s")
    Duration sweepInterval();

    /**
     * How long an unfinished order may stand still before a sweep takes it up (its instance may be gone). Well
     * above a step's deadline, so a saga that is merely slow is rarely run twice. Default 30s.
     */
    @WithDefault("30s")
    Duration staleAfter();

    /** QoS of the retained {@code orders/{orderId}/status} messages. Default 1. */
    @WithDefault("1")
    int statusQos();
  }
}
