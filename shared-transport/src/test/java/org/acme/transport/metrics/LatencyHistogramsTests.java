package org.acme.transport.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.distribution.CountAtBucket;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The request and call timers get the configured buckets (Prometheus's p99 comes from them); other timers none. */
class LatencyHistogramsTests {

  static final List<Duration> BUCKETS = List.of(Duration.ofMillis(100), Duration.ofMillis(1), Duration.ofSeconds(1));

  MeterRegistry registry(List<Duration> buckets) {
    MeterRegistry registry = new SimpleMeterRegistry();
    registry.config().meterFilter(new LatencyHistograms().latencyBuckets(() -> buckets));
    return registry;
  }

  static double[] bounds(Timer timer) {
    timer.record(Duration.ofMillis(50));
    return Arrays.stream(timer.takeSnapshot().histogramCounts()).mapToDouble(CountAtBucket::bucket).toArray();
  }

  @Test
  void requestAndCallTimersGetTheBucketsInOrder() {
    MeterRegistry registry = registry(BUCKETS);
    double[] expected = {1e6, 100e6, 1e9};
    assertThat(bounds(registry.timer("nest.server.requests", "transport", "nats"))).containsExactly(expected);
    assertThat(bounds(registry.timer("gateway.calls", "transport", "tcp"))).containsExactly(expected);
    assertThat(bounds(registry.timer("order.calls"))).containsExactly(expected);
  }

  @Test
  void otherTimersAndAnEmptyListGetNone() {
    assertThat(bounds(registry(BUCKETS).timer("http.server.requests"))).isEmpty();
    assertThat(bounds(registry(List.of()).timer("nest.server.requests"))).isEmpty();
  }
}
