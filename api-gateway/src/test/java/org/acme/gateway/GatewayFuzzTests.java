package org.acme.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.acme.gateway.heroes.HeroesServiceProcess;
import org.acme.gateway.math.MathServiceResource;
import org.acme.gateway.orders.SagaServicesResource;
import org.acme.transport.testing.FuzzFrames;
import org.acme.transport.testing.LogCapture;
import org.acme.transport.testing.ServiceProbes;
import org.junit.jupiter.api.Test;

/**
 * Issue 12's gateway fuzz: {@code -Dfuzz.requests} (default {@value #DEFAULT_REQUESTS}) hostile requests over every
 * route ({@link HostileRequests}), from the seed of {@link FuzzFrames} ({@code -Dfuzz.seed}, printed by every failure),
 * with every service behind the gateway up, so nothing may be a 5xx: a 4xx where the caller is wrong, else an answer.
 * The one exception is {@code never}, whose point is its 504 (and whose circuit then opens: 503). The requests are made
 * in order from the seed and sent {@value #IN_FLIGHT} at a time, each with a deadline of its own; after every
 * {@value #EVERY} a valid sum must come back exact. Afterwards: no error logged by the gateway, readiness, and a heap
 * within {@value #HEAP_GROWTH_MIB} MiB of where it started.
 */
@QuarkusTest
@QuarkusTestResource(value = MathServiceResource.class, restrictToAnnotatedClass = true)
@QuarkusTestResource(value = SagaServicesResource.class, restrictToAnnotatedClass = true)
@QuarkusTestResource(value = HeroesServiceProcess.class, restrictToAnnotatedClass = true)
class GatewayFuzzTests {

  static final int DEFAULT_REQUESTS = 4_000;
  static final int IN_FLIGHT = 8;
  static final int EVERY = 50;
  static final long HEAP_GROWTH_MIB = 24;
  static final Duration DEADLINE = Duration.ofSeconds(15);
  static final Duration WHOLE_RUN = Duration.ofMinutes(3);
  private static final Pattern ORDER_ID = Pattern.compile("\"orderId\":\"(ord-[0-9a-f-]+)\"");

  @TestHTTPResource("/")
  URI base;

  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
  /**
   * The valid sums' own connections: a hostile request may end with its connection closed (a body over the limit gets
   * its 413, then the close), and a POST sent on that pooled connection meanwhile would read nothing - the client's
   * lot, not the gateway's.
   */
  private final HttpClient valid = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
  private final Semaphore inFlight = new Semaphore(IN_FLIGHT);
  private final Map<Integer, Integer> statuses = new ConcurrentHashMap<>();
  private final Queue<String> failures = new ConcurrentLinkedQueue<>();
  private final List<String> orderIds = new CopyOnWriteArrayList<>();
  private final AtomicInteger closedUnanswered = new AtomicInteger();
  private final Queue<String> closedSamples = new ConcurrentLinkedQueue<>();

  @Test
  void everyRouteAnswersHostileRequestsWithoutA5xx() throws Exception {
    int requests = Integer.getInteger("fuzz.requests", DEFAULT_REQUESTS);
    String replay = "replay with -Dfuzz.seed=" + FuzzFrames.seed() + " -Dfuzz.requests=" + requests;
    FuzzFrames fuzz = new FuzzFrames(FuzzFrames.seed(), List.of("sum", "multiply", "count"), List.of("a", "b", "to", "token", "userId",
        "email", "customerId", "items", "sku", "quantity", "payment", "method"));
    HostileRequests hostile = new HostileRequests(fuzz, base, DEADLINE);
    ServiceProbes.assertReady();
    sum(List.of(1, 2), "tcp", 0, replay);
    long heapBefore = ServiceProbes.heapAfterGc();
    Logger acme = Logger.getLogger("org.acme");
    Level level = acme.getLevel();
    acme.setLevel(Level.SEVERE); // thousands of warnings about bad requests say nothing a test reads
    long started = System.nanoTime();
    try (LogCapture errors = LogCapture.errors()) {
      assertTimeoutPreemptively(WHOLE_RUN, () -> {
        for (int i = 1; i <= requests; i++) {
          send(hostile.next(orderIds));
          if (i % EVERY == 0) {
            sum(fuzz.numbers(), fuzz.pick(List.of("tcp", "redis", "nats", "mqtt", "rmq", "kafka")), i, replay);
          }
        }
        assertThat(inFlight.tryAcquire(IN_FLIGHT, DEADLINE.toSeconds() + 5, TimeUnit.SECONDS)).as("the last requests ended").isTrue();
      }, () -> "the gateway fuzz did not end within " + WHOLE_RUN + "; " + replay);
      assertThat(errors.lines()).as("errors the gateway logged; %s", replay).isEmpty();
    } finally {
      acme.setLevel(level);
    }
    long took = Duration.ofNanos(System.nanoTime() - started).toMillis();
    long grown = (ServiceProbes.heapAfterGc() - heapBefore) >> 20;
    System.out.printf("gateway fuzz: %d requests in %d ms, statuses %s, %d orders placed, %d closed unanswered %s; heap %+d MiB; seed %d%n",
        requests, took, new TreeMap<>(statuses), orderIds.size(), closedUnanswered.get(), closedSamples, grown, FuzzFrames.seed());
    assertThat(failures).as("5xx answers, or none at all; %s", replay).isEmpty();
    assertThat(closedUnanswered.get()).as("requests closed without an answer: %s; %s", closedSamples, replay).isLessThanOrEqualTo(requests / 100);
    ServiceProbes.assertReady();
    assertThat(grown).as("the gateway's heap grown, in MiB; %s", replay).isLessThan(HEAP_GROWTH_MIB);
  }

  /** Sends without waiting for the answer, at most {@value #IN_FLIGHT} at a time; the answer is checked when it comes. */
  private void send(Map.Entry<HostileRequests.Route, HttpRequest> next) throws InterruptedException {
    HttpRequest request = next.getValue();
    String what = request.method() + " " + request.uri();
    boolean never = next.getKey().path().endsWith("/never") && List.of("GET", "HEAD").contains(request.method());
    inFlight.acquire();
    http.sendAsync(request, HttpResponse.BodyHandlers.ofString()).whenComplete((response, failure) -> {
      inFlight.release();
      if (failure instanceof HttpTimeoutException || failure != null && failure.getCause() instanceof HttpTimeoutException) {
        failed("no answer within " + DEADLINE + " to " + what);
      } else if (failure != null) {
        // a request the server would not read (a body over the limit, answered 413 and closed while it was still being
        // sent): closed, not hung; shown in the summary
        if (closedUnanswered.incrementAndGet() <= 3) {
          closedSamples.add(what + ": " + failure);
        }
      } else {
        statuses.merge(response.statusCode(), 1, Integer::sum);
        boolean expected = response.statusCode() < 500 || never && (response.statusCode() == 503 || response.statusCode() == 504);
        if (!expected) {
          failed(what + " -> " + response.statusCode() + " " + excerpt(response.body()));
        }
        Matcher placed = ORDER_ID.matcher(response.statusCode() == 202 ? response.body() : "");
        if (placed.find()) {
          orderIds.add(placed.group(1));
        }
      }
    });
  }

  private void failed(String what) {
    if (failures.size() < 20) {
      failures.add(what);
    }
  }

  /** A valid sum, over one of the transports: its exact answer, now. */
  private void sum(List<Integer> numbers, String transport, int after, String replay) throws Exception {
    HttpResponse<String> answer = valid.send(HttpRequest.newBuilder(base.resolve("/api/math/sum?transport=" + transport)).timeout(DEADLINE)
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(numbers.toString())).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(answer.statusCode()).as("sum of %s over %s after request %d: %s; %s", numbers, transport, after, answer.body(), replay)
        .isEqualTo(200);
    assertThat(answer.body()).as("sum of %s over %s after request %d; %s", numbers, transport, after, replay)
        .contains("\"result\":" + numbers.stream().mapToInt(Integer::intValue).sum() + ",");
  }

  private static String excerpt(String text) {
    return text.length() <= 300 ? text : text.substring(0, 300) + "…";
  }
}
