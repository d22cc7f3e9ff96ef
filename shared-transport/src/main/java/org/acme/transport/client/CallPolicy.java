package org.acme.transport.client;

import io.smallrye.config.WithDefault;
import java.time.Duration;

/**
 * How a caller protects itself and its own callers when it calls another service: a deadline on every call,
 * retries with backoff for idempotent calls only, a circuit breaker and a bulkhead. A config group: a service's
 * {@code @ConfigMapping} names it, e.g. {@code gateway.calls.*} or {@code order.calls.*}.
 */
public interface CallPolicy {

  /** The deadline of each attempt (a retried call gets a new one per try). Default 5s. */
  @WithDefault("5s")
  Duration deadline();

  /** Further attempts of an idempotent call after a transient failure. Default 2. */
  @WithDefault("2")
  int maxRetries();

  /** The first retry's delay; each next one doubles it. Default 100ms. */
  @WithDefault("100ms")
  Duration retryDelay();

  /** Calls the circuit breaker looks at. Default 10. */
  @WithDefault("10")
  int circuitRequestVolume();

  /** The share of failed calls among those that opens the circuit. Default 0.5. */
  @WithDefault("0.5")
  double circuitFailureRatio();

  /** How long an open circuit fails calls at once before it lets one through. Default 5s. */
  @WithDefault("5s")
  Duration circuitDelay();

  /** Calls in flight per guarded client. Default 64. */
  @WithDefault("64")
  int bulkhead();

  /** Calls waiting for a bulkhead place. Default 256. */
  @WithDefault("256")
  int bulkheadQueue();
}
