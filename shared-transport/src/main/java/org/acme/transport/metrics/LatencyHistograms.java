package org.acme.transport.metrics;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/**
 * Histogram buckets for the timers an operator reads latency from: each server's {@code nest.server.requests} and
 * every guarded client's calls ({@code gateway.calls}, {@code order.calls}). Quarkus applies every MeterFilter bean to
 * its registry; the dashboard of the observability overlay (scripts/observability) plots their p99.
 */
public class LatencyHistograms {

  @Produces
  @Singleton
  MeterFilter latencyBuckets(MetricsConfig config) {
    double[] buckets = config.latencyBuckets().stream().mapToDouble(d -> d.toNanos()).sorted().toArray();
    return new MeterFilter() {
      @Override
      public DistributionStatisticConfig configure(Meter.Id id, DistributionStatisticConfig statistics) {
        if (buckets.length == 0 || id.getType() != Meter.Type.TIMER || !isLatency(id.getName())) {
          return statistics;
        }
        return DistributionStatisticConfig.builder().serviceLevelObjectives(buckets).build().merge(statistics);
      }
    };
  }

  static boolean isLatency(String name) {
    return name.equals("nest.server.requests") || name.endsWith(".calls");
  }
}
