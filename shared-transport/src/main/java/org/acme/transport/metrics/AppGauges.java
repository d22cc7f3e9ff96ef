package org.acme.transport.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.ToDoubleFunction;

/**
 * Gauges this application owns, removed from the registry when it stops. The registry can outlive the application:
 * Quarkus's tests start several applications one after another in one JVM, and Micrometer's global composite keeps
 * the first gauge registered under an id, bound to the earlier application's object, so a later application would
 * read a stopped one's value (seen: a circuit reading closed while open). Every gauge over a live object goes here.
 */
@Singleton
public class AppGauges {

  private final MeterRegistry meters;
  private final List<Gauge> owned = new CopyOnWriteArrayList<>();

  public AppGauges(MeterRegistry meters) {
    this.meters = meters;
  }

  /** Registers {@code name{tags}} reading {@code value} of {@code source}; the gauge holds the source weakly. */
  public <T> Gauge register(String name, String description, Tags tags, T source, ToDoubleFunction<T> value) {
    Gauge gauge = Gauge.builder(name, source, value).tags(tags).description(description).register(meters);
    owned.add(gauge);
    return gauge;
  }

  /** Every gauge of this app off the registry: when it stops. */
  @PreDestroy
  public void removeAll() {
    owned.forEach(meters::remove);
    owned.clear();
  }
}
