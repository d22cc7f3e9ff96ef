package org.acme.math;

import java.io.IOException;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.acme.math.MathVsNestBenchmark.Load;
import org.acme.transport.testing.ServiceProcess;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * What tracing costs: our math-service (the built jar, one transport's link) driven by the same NestJS client as
 * {@link MathVsNestBenchmark}, three times per transport: tracing off ({@code quarkus.otel.sdk.disabled}), on with
 * 0 % of new traces sampled, and on with 100 % (spans made and ended; no collector is named, so none is exported:
 * the export itself is the batch processor's and the collector's work, off the request path). The bar: 0 %
 * costs at most 5 % of the throughput. A benchmark: it prints and asserts nothing ({@code ./dev bench tracing}).
 */
@Tag("benchmark")
class MathTracingBenchmark {

  private record Mode(String name, Map<String, String> config) {
  }

  private static final List<Mode> MODES = List.of(
      new Mode("off", Map.of("quarkus.otel.sdk.disabled", "true")),
      new Mode("0 %", Map.of("quarkus.otel.traces.sampler.arg", "0")),
      new Mode("100 %", Map.of("quarkus.otel.traces.sampler.arg", "1.0")));

  @Test
  void tracingOffAgainstSampledNoneAndAll() throws IOException {
    StringBuilder table = new StringBuilder(String.format("%n{cmd:'sum'} [1,2,3] to our math-service, NestJS 11 ClientProxy, %d in flight, %d s after %d s warm-up, %s%n",
        MathVsNestBenchmark.CONCURRENCY, MathVsNestBenchmark.MEASURE.toSeconds(), MathVsNestBenchmark.WARMUP.toSeconds(), LocalDateTime.now().withNano(0)));
    table.append(String.format("%-9s %10s %10s %10s %8s %8s %9s %9s %9s%n",
        "transport", "off req/s", "0% req/s", "100% req/s", "0%/off", "100%/off", "off p99", "0% p99", "100% p99"));
    MathVsNestBenchmark.perTransport(table, "tracing-",
        "ratios: requests per second against tracing off (1.00 = free); latencies in ms; one run, one noisy machine\n", (transport, setup) -> {
          List<Load> loads = new ArrayList<>();
          for (Mode mode : MODES) {
            Map<String, String> config = new HashMap<>(setup.ours());
            config.putAll(mode.config());
            loads.add(MathVsNestBenchmark.measure("ours " + transport + " tracing " + mode.name(), () -> {
              try (ServiceProcess service = new ServiceProcess("math-service", config).start()) {
                return MathVsNestBenchmark.drive(transport, setup);
              }
            }));
          }
          Load off = loads.get(0), none = loads.get(1), all = loads.get(2);
          return String.format("%-9s %10.0f %10.0f %10.0f %8.2f %8.2f %9.2f %9.2f %9.2f%n", transport, off.perSecond(), none.perSecond(),
              all.perSecond(), none.perSecond() / off.perSecond(), all.perSecond() / off.perSecond(), off.p99(), none.p99(), all.p99());
        });
  }
}
