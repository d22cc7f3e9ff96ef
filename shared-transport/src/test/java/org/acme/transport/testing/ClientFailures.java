package org.acme.transport.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.smallrye.mutiny.Uni;
import java.time.Duration;
import org.acme.transport.broker.BrokerUnavailableException;
import org.acme.transport.client.DeadlineExceededException;
import org.acme.transport.client.NoResponderException;

/**
 * A call that must fail by itself, as a client promises: with one of its own "not now" failures (its deadline passed,
 * the broker is away, nobody answers), and within a bound. The test waits a little longer than the bound, so a client
 * that hangs shows as the test's own timeout, which is not accepted: "fails within its deadline" can no longer pass
 * with a client that never answers.
 */
public final class ClientFailures {

  private static final Duration MARGIN = Duration.ofSeconds(2);

  private ClientFailures() {
  }

  /** The call's failure, once checked: the client's own, and within {@code bound}. */
  public static Throwable failsWithin(Duration bound, Uni<?> call) {
    long started = System.nanoTime();
    Throwable failure = catchThrowable(() -> call.await().atMost(bound.plus(MARGIN)));
    Duration took = Duration.ofNanos(System.nanoTime() - started);
    assertThat(failure).as("the call must fail, not answer").isNotNull();
    assertThat(failure).as("the client's own failure, not the test's wait running out (a hang)")
        .isInstanceOfAny(DeadlineExceededException.class, BrokerUnavailableException.class, NoResponderException.class);
    assertThat(took).as("failed within its bound").isLessThanOrEqualTo(bound);
    return failure;
  }
}
