package org.acme.gateway.chaos;

import java.net.URI;
import org.acme.transport.testing.TestTokens;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

/**
 * Callers placing orders through the gateway at a fixed arrival rate, as a shop's clients do: each with an
 * Idempotency-Key of its own, which is also its customer id (so the orders placed for it can be counted), or, for a
 * benchmark, one of a fixed set of customers whose tokens are signed once (signing one per order would load the
 * machine with the load generator's own work). A caller
 * told 504, or cut off, does not know whether the order was placed and tries again with the same key every second,
 * for up to {@code retryFor}; a caller told 503 at the first try, or a 4xx, takes that as the answer.
 */
final class OrderLoad implements AutoCloseable {

  /** What a caller was told, attempt by attempt (0: no answer), and the order it got, if any. */
  record Caller(String key, List<Integer> answers, String orderId) {

    /** Got its 202, at once or after retries. */
    boolean accepted() {
      return orderId != null;
    }

    /** Told "not placed" (503) or "no" (4xx) before anything left it in doubt: there must be no order. */
    boolean refused() {
      return orderId == null && !answers.isEmpty() && answers.stream().noneMatch(OrderLoad::doubtful);
    }

    /** Left in doubt (a 504, no answer) and never got a definitive one within its patience. */
    boolean unknown() {
      return !accepted() && !refused();
    }

    boolean retried() {
      return answers.size() > 1;
    }
  }

  /** A caller's order: when its first attempt left and when it was told 202 (System.nanoTime). */
  record Placement(String orderId, long sentNanos, long acceptedNanos) {
    long nanos() {
      return acceptedNanos - sentNanos;
    }
  }

  private static final Pattern ORDER_ID = Pattern.compile("\"orderId\":\"([^\"]+)\"");

  private final URI orders;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private final ScheduledExecutorService clock = Executors.newScheduledThreadPool(2);
  private final Map<String, List<Integer>> answers = new ConcurrentHashMap<>();
  private final Map<String, String> placed = new ConcurrentHashMap<>();
  private final Map<String, Long> firstSent = new ConcurrentHashMap<>();
  private final List<Placement> placements = new CopyOnWriteArrayList<>();
  private final AtomicInteger open = new AtomicInteger();
  private final Duration retryFor;
  private final List<String> tokens;

  OrderLoad(URI gateway, Duration retryFor) {
    this(gateway, retryFor, 0);
  }

  /** With {@code customers} > 0, callers take turns among that many customers (bench-0, bench-1, ...). */
  OrderLoad(URI gateway, Duration retryFor, int customers) {
    this.orders = gateway.resolve("/api/orders");
    this.retryFor = retryFor;
    this.tokens = IntStream.range(0, customers).mapToObj(n -> TestTokens.token("bench-" + n)).toList();
  }

  /** Starts callers at {@code perSecond} for {@code duration}; returns once the last one has started. */
  void run(int perSecond, Duration duration) {
    long every = TimeUnit.SECONDS.toNanos(1) / perSecond;
    long count = duration.toNanos() / every;
    for (long i = 0; i < count; i++) {
      clock.schedule(this::newCaller, i * every, TimeUnit.NANOSECONDS);
    }
    sleep(duration);
  }

  /** Callers still waiting for an answer or to try again. */
  int open() {
    return open.get();
  }

  /** Waits until every caller has its answer or has given up; then what each was told. */
  List<Caller> callers(Duration atMost) {
    long deadline = System.nanoTime() + atMost.toNanos();
    while (open.get() > 0 && System.nanoTime() < deadline) {
      sleep(Duration.ofMillis(200));
    }
    return answers.entrySet().stream().map(e -> new Caller(e.getKey(), List.copyOf(e.getValue()), placed.get(e.getKey()))).toList();
  }

  /** Every order placed so far, with the time its caller waited for it (from the first attempt). */
  List<Placement> placements() {
    return List.copyOf(placements);
  }

  private void newCaller() {
    String key = "chaos-" + UUID.randomUUID();
    answers.put(key, new CopyOnWriteArrayList<>());
    open.incrementAndGet();
    long now = System.nanoTime();
    firstSent.put(key, now);
    attempt(key, now + retryFor.toNanos());
  }

  private void attempt(String key, long giveUpAt) {
    int turn = tokens.isEmpty() ? -1 : Math.floorMod(key.hashCode(), tokens.size());
    String customer = turn < 0 ? key : "bench-" + turn;
    String body = "{\"customerId\":\"" + customer + "\",\"items\":[{\"sku\":\"widget\",\"quantity\":1}],\"payment\":{\"method\":\"card\"}}";
    HttpRequest request = HttpRequest.newBuilder(orders).timeout(Duration.ofSeconds(15))
        .header("Content-Type", "application/json").header("Idempotency-Key", key)
        .header("Authorization", "Bearer " + (turn < 0 ? TestTokens.token(key) : tokens.get(turn)))
        .POST(HttpRequest.BodyPublishers.ofString(body)).build();
    http.sendAsync(request, HttpResponse.BodyHandlers.ofString()).whenComplete((response, failure) -> {
      int status = failure == null ? response.statusCode() : 0;
      List<Integer> told = answers.get(key);
      told.add(status);
      if (status == 202) {
        Matcher id = ORDER_ID.matcher(response.body());
        placed.put(key, id.find() ? id.group(1) : "?");
        placements.add(new Placement(placed.get(key), firstSent.get(key), System.nanoTime()));
      }
      // in doubt once: any later answer but a 202 or a 4xx leaves it in doubt, so the caller asks again
      boolean doubt = told.stream().anyMatch(OrderLoad::doubtful);
      boolean again = doubt && (status == 0 || status >= 500);
      if (again && System.nanoTime() < giveUpAt) {
        clock.schedule(() -> attempt(key, giveUpAt), 1, TimeUnit.SECONDS);
      } else {
        open.decrementAndGet();
      }
    });
  }

  /** An answer that leaves open whether the order was placed: none at all, a timeout, a service's own failure. */
  static boolean doubtful(int status) {
    return status == 0 || status >= 500 && status != 503;
  }

  private static void sleep(Duration duration) {
    try {
      Thread.sleep(duration);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    clock.shutdownNow();
    http.close();
  }
}
