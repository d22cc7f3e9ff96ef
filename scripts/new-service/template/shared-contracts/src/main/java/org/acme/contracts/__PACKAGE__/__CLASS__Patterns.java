package org.acme.contracts.__PACKAGE__;

/**
 * __SERVICE__'s rows of the pattern catalogue, as the routes NestJS computes for them: an object pattern in its
 * normalised form (keys sorted, no whitespace). Callers (the gateway, other services, a Nest client) use these names.
 */
public final class __CLASS__Patterns {

  /** {@code {cmd:'ping'}}: a {@link PingRequest} to a {@link PingReply} that echoes its message. */
  public static final String PING = "{\"cmd\":\"ping\"}";
  //@if kafka

  /** {@link #PING} on Kafka, where the pattern is the topic and a topic name cannot hold braces. */
  public static final String KAFKA_PING = "ping";
  //@end

  private __CLASS__Patterns() {
  }
}
