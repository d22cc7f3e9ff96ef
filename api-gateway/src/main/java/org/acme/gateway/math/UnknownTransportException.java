package org.acme.gateway.math;

/** {@code ?transport=} names no transport math-service speaks. */
public class UnknownTransportException extends RuntimeException {

  public UnknownTransportException(String name) {
    super("unknown transport '" + name + "': use tcp, redis, nats, mqtt, rmq or kafka");
  }
}
