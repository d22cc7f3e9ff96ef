package org.acme.math;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.acme.transport.client.NestClient;
import org.acme.transport.codec.NestCodec;
import org.acme.transport.testing.FuzzFrames;
import org.acme.transport.testing.LogCapture;
import org.acme.transport.testing.ServiceProbes;

/**
 * One transport's fuzz: {@link FuzzFrames#frames()} hostile frames sent raw by its {@link HostilePeer}, without waiting
 * for the service, and after every {@value #EVERY} of them a valid {@code sum} through the transport's own client,
 * whose exact answer must come within its deadline (it queues behind the frames before it, so the fuzz cannot outrun
 * the service). Afterwards the service still answers, is ready, holds no more heap than after the first
 * {@value #WARM_UP} frames (give or take {@value #HEAP_GROWTH_MIB} MiB: a tenth of the frames carry tens of kilobytes,
 * so a service that kept what it is sent would show), logged no error (every 500 the router makes is logged as one), and answered no hostile frame with
 * a 5xx (a 504 for a deadline that passed is the caller's doing).
 */
final class FuzzRun {

  static final int EVERY = 100;
  static final int WARM_UP = 1_000;
  static final long HEAP_GROWTH_MIB = 24;
  static final Duration ANSWER = Duration.ofSeconds(5);
  static final Duration WHOLE_RUN = Duration.ofMinutes(3);

  private final HostilePeer peer;
  private final NestClient client;
  private final FuzzFrames fuzz;
  private final Queue<String> serverErrors = new ConcurrentLinkedQueue<>();
  private final AtomicLong replies = new AtomicLong();

  FuzzRun(HostilePeer peer, NestClient client) {
    this.peer = peer;
    this.client = client;
    this.fuzz = new FuzzFrames(FuzzFrames.seed(), peer.routes(), List.of("a", "b", "to", "token", "userId", "email", "x"));
  }

  void survives() throws Exception {
    String transport = peer.transport();
    int frames = FuzzFrames.frames();
    peer.open(fuzz, this::replied);
    // a server that has just started may not have subscribed yet (nor a Kafka group joined); not from the seed, so a
    // replay does not depend on how long this took
    await().atMost(Duration.ofSeconds(60)).ignoreExceptions().untilAsserted(() -> assertThat(
        client.send(peer.sumPattern(), List.of(1, 2), Integer.class).await().atMost(ANSWER)).isEqualTo(3));
    Logger acme = Logger.getLogger("org.acme");
    Level level = acme.getLevel();
    acme.setLevel(Level.SEVERE); // ten thousand warnings about bad input say nothing a test reads
    long started = System.nanoTime();
    long[] heapBefore = {0};
    int warmUp = Math.max(1, Math.min(WARM_UP, frames / 10));
    try (LogCapture errors = LogCapture.errors()) {
      assertTimeoutPreemptively(WHOLE_RUN, () -> {
        for (int i = 1; i <= frames; i++) {
          peer.sendHostile();
          if (i % EVERY == 0) {
            askValid(i);
          }
          if (i == warmUp) {
            // from here on: what the first frames filled (pools, buffers, compiled paths) is there for good, and bounded
            heapBefore[0] = ServiceProbes.heapAfterGc();
          }
        }
        askValid(frames);
      }, () -> transport + ": the fuzz did not end within " + WHOLE_RUN + "; " + FuzzFrames.replay());
      assertThat(errors.lines()).as("%s: errors logged; %s", transport, FuzzFrames.replay()).isEmpty();
    } finally {
      acme.setLevel(level);
      peer.close();
    }
    long took = Duration.ofNanos(System.nanoTime() - started).toMillis();
    assertThat(serverErrors).as("%s: hostile frames answered with a server error; %s", transport, FuzzFrames.replay()).isEmpty();
    ServiceProbes.assertReady();
    long grown = (ServiceProbes.heapAfterGc() - heapBefore[0]) >> 20;
    System.out.printf("fuzz %s: %d frames, %d replies to them, in %d ms; heap %+d MiB; seed %d%n", transport, frames, replies.get(), took,
        grown, FuzzFrames.seed());
    assertThat(grown).as("%s: heap grown, in MiB; %s", transport, FuzzFrames.replay()).isLessThan(HEAP_GROWTH_MIB);
  }

  /** A reply to a hostile frame: {@code {err|response,...}}. */
  private void replied(String body) {
    replies.incrementAndGet();
    JsonNode err;
    try {
      err = NestCodec.json().readTree(body).path("err");
    } catch (Exception unreadable) {
      serverError("an unreadable reply (" + body.length() + " characters, " + unreadable + "): " + body);
      return;
    }
    int status = err.path("statusCode").asInt(0);
    if (status >= 500 && status != 504 || "Internal server error".equals(err.path("message").asText())) {
      serverError(body);
    }
  }

  private void serverError(String what) {
    if (serverErrors.size() < 20) {
      serverErrors.add(what.length() <= 400 ? what : what.substring(0, 400) + "…");
    }
  }

  private void askValid(int after) {
    List<Integer> numbers = fuzz.numbers();
    int expected = numbers.stream().mapToInt(Integer::intValue).sum();
    Integer answer;
    try {
      answer = client.send(peer.sumPattern(), numbers, Integer.class).await().atMost(ANSWER);
    } catch (RuntimeException e) {
      throw new AssertionError(peer.transport() + ": sum of " + numbers + " after frame " + after + " failed: " + e + "; "
          + FuzzFrames.replay(), e);
    }
    assertThat(answer).as("%s: sum of %s after frame %d; %s", peer.transport(), numbers, after, FuzzFrames.replay()).isEqualTo(expected);
  }
}
