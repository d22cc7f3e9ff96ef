package org.acme.transport.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** One budget for a whole chain: the earlier of what the caller was given and what this hop allows itself. */
class DeadlineTests {

  @Test
  void aCallWithoutOneGetsItsOwnTimeout() {
    Deadline deadline = Deadline.of(MessageOptions.NONE, Duration.ofSeconds(5));
    assertThat(deadline.remaining()).isBetween(Duration.ofMillis(4900), Duration.ofSeconds(5));
    assertThat(deadline.stamp(MessageOptions.NONE).metadata()).containsEntry(Deadline.METADATA_KEY, String.valueOf(deadline.at().toEpochMilli()));
  }

  @Test
  void aDeadlinePassedOnIsKeptWhenItIsTheEarlier() {
    Instant callersDeadline = Instant.now().plusSeconds(2);
    MessageOptions passedOn = MessageOptions.metadata(Map.of(Deadline.METADATA_KEY, String.valueOf(callersDeadline.toEpochMilli())));
    assertThat(Deadline.of(passedOn, Duration.ofSeconds(5)).at().toEpochMilli()).isEqualTo(callersDeadline.toEpochMilli());
    assertThat(Deadline.of(passedOn, Duration.ofMillis(500)).remaining()).isLessThanOrEqualTo(Duration.ofMillis(500));
  }

  @Test
  void aPassedDeadlineIsPassedAndOneThatIsNoNumberIsRefused() {
    assertThat(new Deadline(Instant.now().minusMillis(1)).passed()).isTrue();
    assertThat(Deadline.from(Map.of())).isEmpty();
    assertThatThrownBy(() -> Deadline.from(Map.of(Deadline.METADATA_KEY, "tomorrow")))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("x-deadline must be milliseconds since the epoch, got 'tomorrow'");
  }
}
