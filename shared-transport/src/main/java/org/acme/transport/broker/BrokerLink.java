package org.acme.transport.broker;

import io.smallrye.mutiny.Uni;

/**
 * A service's long-lived connection to one broker. It connects at start-up, keeps trying while the broker is
 * away, and reports itself to readiness under its broker's name and address.
 */
public interface BrokerLink {

  /** The broker's name in health output: redis, nats, mqtt, rabbitmq or kafka. */
  String broker();

  /** Where the broker is expected, as configured (no credentials). */
  String address();

  /** Whether this service is configured to use the broker at all. */
  boolean enabled();

  /** Starts connecting; returns at once, a broker that is down is retried in the background. */
  void start();

  /** Closes the connection. */
  void stop();

  /** Completes when the broker answers now, fails with the reason when it does not. */
  Uni<Void> ping();
}
