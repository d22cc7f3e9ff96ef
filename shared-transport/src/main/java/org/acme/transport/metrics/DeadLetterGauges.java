package org.acme.transport.metrics;

import io.micrometer.core.instrument.Tags;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.acme.transport.Transport;

/**
 * The gauges {@code nest.server.dead.letters{transport,queue}} of one transport's server: how many messages wait in
 * each of its dead-letter queues (topics on Kafka), read every poll period by the transport's own reader, since only
 * it knows how to ask its broker. While the broker is away the last count stays. One of the app's {@link AppGauges}.
 */
public final class DeadLetterGauges {

  private final Vertx vertx;
  /** By queue; the gauges read these (and hold them weakly: this map keeps them). */
  private final Map<String, AtomicLong> depths = new ConcurrentHashMap<>();
  private long timer = -1;

  public DeadLetterGauges(AppGauges gauges, Vertx vertx, Transport transport, Collection<String> queues) {
    this.vertx = vertx;
    for (String queue : queues) {
      AtomicLong depth = depths.computeIfAbsent(queue, q -> new AtomicLong());
      gauges.register("nest.server.dead.letters", "messages in the dead-letter queue",
          Tags.of("transport", transport.tag(), "queue", queue), depth, AtomicLong::get);
    }
  }

  /** The dead-letter queues these gauges count. */
  public Set<String> queues() {
    return depths.keySet();
  }

  /** What the reader found in one of them. */
  public void set(String queue, long count) {
    depths.get(queue).set(count);
  }

  /** Runs the reader every period, on an event loop: a reader that blocks hands its work to a worker itself. */
  public void readEvery(Duration period, Runnable reader) {
    timer = vertx.setPeriodic(period.toMillis(), id -> reader.run());
  }

  /** No more reading: the service stops. */
  public void stop() {
    if (timer >= 0) {
      vertx.cancelTimer(timer);
    }
  }
}
