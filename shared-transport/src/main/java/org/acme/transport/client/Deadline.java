package org.acme.transport.client;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * A request's absolute deadline. It travels with the request as metadata {@value #METADATA_KEY} (epoch milliseconds),
 * so every hop of a chain shares one budget: a server does not start a request whose deadline has passed, a handler
 * can read what is left ({@code MessageContext#deadline()}), and a call it makes with the metadata passed on gets no
 * longer than that. The clocks of the services are taken to agree (one host, or NTP).
 */
public record Deadline(Instant at) {

  /** The metadata key: the deadline in milliseconds since the epoch, in decimal. */
  public static final String METADATA_KEY = "x-deadline";

  /** The earlier of the deadline the options carry (passed on from the caller's caller) and {@code now + timeout}. */
  public static Deadline of(MessageOptions options, Duration timeout) {
    Instant own = Instant.now().plus(timeout);
    return from(options.metadata()).filter(given -> given.at().isBefore(own)).orElse(new Deadline(own));
  }

  /** The deadline in a message's metadata, if it has one; one that is not a number of milliseconds is refused. */
  public static Optional<Deadline> from(Map<String, String> metadata) {
    String value = metadata.get(METADATA_KEY);
    if (value == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(new Deadline(Instant.ofEpochMilli(Long.parseLong(value))));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(METADATA_KEY + " must be milliseconds since the epoch, got '" + value + "'");
    }
  }

  /** What is left of the budget; zero or negative once it has passed. */
  public Duration remaining() {
    return Duration.between(Instant.now(), at);
  }

  public boolean passed() {
    return !Instant.now().isBefore(at);
  }

  /** The options with this deadline in their metadata, for the request to carry. */
  public MessageOptions stamp(MessageOptions options) {
    return options.with(METADATA_KEY, String.valueOf(at.toEpochMilli()));
  }
}
