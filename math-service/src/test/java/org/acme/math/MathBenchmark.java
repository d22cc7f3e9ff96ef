package org.acme.math;

import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import org.acme.contracts.math.MathPatterns;
import org.acme.transport.client.NestClient;
import org.acme.transport.client.NestClients;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Requests per second and p50/p99 latency of {@code {cmd:'sum'}} per transport, Java client to math-service in
 * one JVM, printed as a table. A benchmark, not a test: it asserts nothing about speed. Run it with
 * {@code ./dev bench}; the default build skips the "benchmark" tag.
 */
@QuarkusTest
@Tag("benchmark")
class MathBenchmark {

  private static final int CONCURRENCY = Integer.getInteger("bench.concurrency", 32);
  private static final Duration WARMUP = Duration.ofSeconds(Long.getLong("bench.warmup", 2));
  private static final Duration MEASURE = Duration.ofSeconds(Long.getLong("bench.seconds", 5));
  private static final ExecutorService CALLERS = Executors.newVirtualThreadPerTaskExecutor();
  private static final List<String> TRANSPORTS = List.of("tcp", "redis", "nats", "mqtt", "rmq", "kafka");

  private final NestClients clients;

  MathBenchmark(NestClients clients) {
    this.clients = clients;
  }

  private record Result(String transport, long requests, double perSecond, double p50, double p99, long errors) {
  }

  @Test
  void sumPerTransport() {
    List<Result> results = new ArrayList<>();
    for (String transport : TRANSPORTS) {
      NestClient client;
      try {
        client = clients.get("math-" + transport);
      } catch (IllegalArgumentException notConfigured) {
        continue;
      }
      String pattern = transport.equals("kafka") ? MathPatterns.KAFKA_SUM : MathPatterns.SUM;
      run(client, pattern, WARMUP);
      results.add(run(client, pattern, MEASURE));
    }
    StringBuilder table = new StringBuilder(String.format("%n{cmd:'sum'} [1,2,3], Java client -> math-service, %d in flight, %d s per transport%n", CONCURRENCY, MEASURE.toSeconds()));
    table.append(String.format("%-10s %10s %12s %10s %10s %8s%n", "transport", "requests", "requests/s", "p50 ms", "p99 ms", "errors"));
    for (Result r : results) {
      table.append(String.format("%-10s %10d %12.0f %10.2f %10.2f %8d%n", r.transport, r.requests, r.perSecond, r.p50, r.p99, r.errors));
    }
    System.out.println(table);
  }

  private Result run(NestClient client, String pattern, Duration length) {
    long end = System.nanoTime() + length.toNanos();
    AtomicLong errors = new AtomicLong();
    List<long[]> perWorker = new ArrayList<>();
    List<CompletableFuture<Void>> workers = new ArrayList<>();
    for (int w = 0; w < CONCURRENCY; w++) {
      long[] samples = new long[1 << 20];
      perWorker.add(samples);
      workers.add(worker(client, pattern, end, samples, errors));
    }
    long started = System.nanoTime();
    workers.forEach(CompletableFuture::join);
    double seconds = (System.nanoTime() - started) / 1e9;
    long[] all = perWorker.stream().flatMapToLong(s -> Arrays.stream(s, 1, (int) s[0] + 1)).sorted().toArray();
    return new Result(client.transport(), all.length, all.length / seconds, percentile(all, 0.50), percentile(all, 0.99), errors.get());
  }

  /** One closed-loop caller: the next request goes out when the previous answer is in. samples[0] counts. */
  private static CompletableFuture<Void> worker(NestClient client, String pattern, long end, long[] samples, AtomicLong errors) {
    return CompletableFuture.runAsync(() -> {
      while (System.nanoTime() < end && samples[0] < samples.length - 1) {
        long t0 = System.nanoTime();
        try {
          client.send(pattern, List.of(1, 2, 3), Integer.class).await().atMost(Duration.ofSeconds(10));
          samples[(int) ++samples[0]] = System.nanoTime() - t0;
        } catch (RuntimeException e) {
          errors.incrementAndGet();
        }
      }
    }, CALLERS);
  }

  private static double percentile(long[] sorted, double p) {
    return sorted.length == 0 ? Double.NaN : sorted[(int) Math.min(sorted.length - 1, Math.floor(p * sorted.length))] / 1e6;
  }

}
