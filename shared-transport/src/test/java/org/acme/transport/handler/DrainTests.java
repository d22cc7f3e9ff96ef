package org.acme.transport.handler;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.helpers.test.AssertSubscriber;
import io.smallrye.mutiny.helpers.test.UniAssertSubscriber;
import java.time.Duration;
import org.acme.transport.metrics.AppGauges;
import org.junit.jupiter.api.Test;

/**
 * The drain's decisions, fast: what is cut at the end of the grace and how, and the in-flight gauge of one app not
 * read by the next in the same JVM. The real thing, per transport with SIGTERM, is math-service's MathDrainTests.
 */
class DrainTests {

  private static final Duration GRACE = Duration.ofMillis(200);

  /**
   * The shutdown's wait, on a thread of its own as Quarkus runs it, with this class's loader as its context loader:
   * a pool thread made during an earlier Quarkus test in this JVM keeps that app's loader, and Mutiny's
   * context-propagation lookup then fails with a ServiceConfigurationError instead of delivering the 503.
   */
  private static void waitElsewhere(Drain drain) {
    Thread thread = new Thread(() -> drain.onWait(null), "drain-test-shutdown");
    thread.setContextClassLoader(DrainTests.class.getClassLoader());
    thread.start();
    try {
      thread.join(Duration.ofSeconds(30));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  @Test
  void aRequestStillRunningAtTheEndOfTheGraceEndsWithANotNowError() {
    Drain drain = new Drain(GRACE, new AppGauges(new SimpleMeterRegistry()));
    drain.begin("tcp");
    AssertSubscriber<Object> running = drain.bounded(Multi.createFrom().nothing()).subscribe().withSubscriber(AssertSubscriber.create(1));
    AssertSubscriber<Integer> finished = drain.bounded(Multi.createFrom().items(1, 2)).subscribe().withSubscriber(AssertSubscriber.create(5));

    long started = System.nanoTime();
    waitElsewhere(drain);

    assertThat(Duration.ofNanos(System.nanoTime() - started)).as("waited for the grace").isGreaterThanOrEqualTo(GRACE);
    running.awaitFailure();
    assertThat(running.getFailure()).isInstanceOf(RpcException.class);
    assertThat(new ObjectMapper().valueToTree(((RpcException) running.getFailure()).getError()).path("statusCode").asInt()).isEqualTo(503);
    finished.assertCompleted().assertItems(1, 2);
  }

  @Test
  void anEventStillRunningAtTheEndOfTheGraceIsHandedBack() {
    Drain drain = new Drain(GRACE, new AppGauges(new SimpleMeterRegistry()));
    drain.begin("rmq");
    UniAssertSubscriber<Object> running = drain.bounded(Uni.createFrom().nothing()).subscribe().withSubscriber(UniAssertSubscriber.create());
    waitElsewhere(drain);
    running.awaitFailure().assertFailedWith(Drain.HandedBack.class);
  }

  @Test
  void nothingRunningMeansNoWaitAndNothingCut() {
    Drain drain = new Drain(Duration.ofSeconds(30), new AppGauges(new SimpleMeterRegistry()));
    AssertSubscriber<Object> later = drain.bounded(Multi.createFrom().nothing()).subscribe().withSubscriber(AssertSubscriber.create(1));
    long started = System.nanoTime();
    drain.onWait(null);
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
    later.assertNotTerminated();
  }

  /**
   * Quarkus tests run apps one after another in one JVM, and a registry that outlives an app (Micrometer's global
   * composite) keeps the first gauge of an id: the second app's must be its own, so the first one's goes at shutdown.
   */
  @Test
  void aSecondAppInTheSameJvmReadsItsOwnCount() {
    MeterRegistry shared = new SimpleMeterRegistry();
    AppGauges firstApp = new AppGauges(shared);
    Drain first = new Drain(GRACE, firstApp);
    first.begin("nats");
    firstApp.removeAll();

    Drain second = new Drain(GRACE, new AppGauges(shared));
    second.begin("nats");
    second.begin("nats");
    assertThat(shared.get("nest.server.in.flight").tag("transport", "nats").gauge().value()).isEqualTo(2);
    second.end("nats");
    assertThat(shared.get("nest.server.in.flight").tag("transport", "nats").gauge().value()).isEqualTo(1);
  }
}
