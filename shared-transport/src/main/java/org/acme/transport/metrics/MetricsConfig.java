package org.acme.transport.metrics;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;

/** The shape of the latency metrics every service exports ({@code NEST_METRICS_LATENCY_BUCKETS}, ...). */
@ConfigMapping(prefix = "nest.metrics")
public interface MetricsConfig {

  /**
   * The histogram buckets of the request and call timers ({@code nest.server.requests}, {@code *.calls}): Prometheus
   * computes p50/p99 per pattern and transport from them ({@code histogram_quantile}). A dozen fixed buckets rather
   * than Micrometer's ~70 per series, which would make every scrape ten times longer. Empty: no histogram, only
   * count, sum and max. Default 1 ms to 10 s.
   */
  @WithDefault("1ms,2ms,5ms,10ms,25ms,50ms,100ms,250ms,500ms,1s,2500ms,5s,10s")
  List<Duration> latencyBuckets();
}
