package org.acme.transport.testing;

/** Latency figures for the benchmarks' tables. */
public final class Latencies {

  private Latencies() {
  }

  /** The nearest-rank quantile (0.5 for p50) of sorted nanosecond latencies, in milliseconds; NaN when there are none. */
  public static double millis(long[] sortedNanos, double quantile) {
    return sortedNanos.length == 0 ? Double.NaN
        : sortedNanos[(int) Math.min(sortedNanos.length - 1, Math.ceil(quantile * sortedNanos.length) - 1)] / 1e6;
  }
}
