package org.acme.gateway.bench;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.acme.gateway.math.MathServiceResource;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.acme.transport.testing.Latencies;

/**
 * What the gateway's hop costs: {@code POST /api/math/sum} (the gateway, then math-service over Nest's TCP transport)
 * against a bare Quarkus REST endpoint that sums in process ({@link BareSumResource}), in the same run, alternating,
 * each driven by the same closed loop ({@code bench.concurrency} requests in flight, default 64, for
 * {@code bench.gateway.seconds}, default 10, after a warm-up of each). Prints req/s and p50/p99 of both and the ratio.
 * <p>A benchmark, not a test: it asserts nothing about speed. {@code ./dev bench gateway} runs it.
 */
@QuarkusTest
@Tag("benchmark")
@TestProfile(GatewayOverheadBenchmark.WithBareSum.class)
@QuarkusTestResource(value = MathServiceResource.class, restrictToAnnotatedClass = true)
class GatewayOverheadBenchmark {

  public static class WithBareSum implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of("bench.bare-sum", "true");
    }
  }

  private static final int CONCURRENCY = Integer.getInteger("bench.concurrency", 64);
  private static final Duration MEASURE = Duration.ofSeconds(Long.getLong("bench.gateway.seconds", 10));
  private static final String BODY = "[1,2,3,4,5]";

  record Result(String name, int requests, int errors, double perSecond, double p50, double p99) {
  }

  @TestHTTPResource("/")
  URI root;

  @Test
  void gatewayAgainstABareEndpoint() {
    URI gateway = root.resolve("/api/math/sum?transport=tcp");
    URI bare = root.resolve("/bench/bare-sum");
    run("warm-up", bare, MEASURE.dividedBy(2));
    run("warm-up", gateway, MEASURE.dividedBy(2));
    List<Result> results = new ArrayList<>();
    for (int round = 0; round < 2; round++) {
      results.add(run("bare Quarkus endpoint", bare, MEASURE));
      results.add(run("gateway -> math (tcp)", gateway, MEASURE));
    }
    System.out.printf("%nGateway overhead (%d in flight, %d s each, alternating, 2 rounds):%n", CONCURRENCY, MEASURE.toSeconds());
    System.out.printf("%-24s %9s %7s %11s %8s %8s%n", "endpoint", "requests", "errors", "requests/s", "p50 ms", "p99 ms");
    results.forEach(r -> System.out.printf("%-24s %9d %7d %11.0f %8.2f %8.2f%n", r.name(), r.requests(), r.errors(), r.perSecond(), r.p50(), r.p99()));
    double bareRate = results.stream().filter(r -> r.name().startsWith("bare")).mapToDouble(Result::perSecond).average().orElse(0);
    double gatewayRate = results.stream().filter(r -> r.name().startsWith("gateway")).mapToDouble(Result::perSecond).average().orElse(0);
    System.out.printf("gateway/bare req/s: %.2f (the target is at least 0.5)%n", gatewayRate / bareRate);
  }

  /** A closed loop: CONCURRENCY virtual threads, each sending its next request when its last one was answered. */
  private static Result run(String name, URI uri, Duration duration) {
    HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(BODY)).build();
    AtomicInteger errors = new AtomicInteger();
    List<long[]> latencies = new ArrayList<>();
    long end = System.nanoTime() + duration.toNanos();
    long start = System.nanoTime();
    try (HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()) {
      List<Thread> threads = new ArrayList<>();
      for (int i = 0; i < CONCURRENCY; i++) {
        long[] mine = new long[1 << 16];
        latencies.add(mine);
        threads.add(Thread.ofVirtual().start(() -> {
          int n = 1;
          while (System.nanoTime() < end && n < mine.length) {
            long sent = System.nanoTime();
            try {
              if (http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() != 200) {
                errors.incrementAndGet();
              }
              mine[n++] = System.nanoTime() - sent;
            } catch (Exception e) {
              errors.incrementAndGet();
            }
          }
          mine[0] = n - 1;
        }));
      }
      for (Thread t : threads) {
        t.join();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    long[] all = latencies.stream().flatMapToLong(l -> Arrays.stream(l, 1, (int) l[0] + 1)).sorted().toArray();
    return new Result(name, all.length, errors.get(), all.length / seconds, Latencies.millis(all, 0.50), Latencies.millis(all, 0.99));
  }

}
