package org.acme.gateway.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import org.acme.transport.client.CallPolicy;

/**
 * How the gateway protects itself and its callers when it calls the services: a deadline on every call, retries
 * with backoff for idempotent calls only, a circuit breaker and a bulkhead per transport.
 */
@ConfigMapping(prefix = "gateway")
public interface GatewayConfig {

  /** Deadlines, retries, circuit breaker and bulkhead per transport: {@code gateway.calls.*}. */
  CallPolicy calls();

  Orders orders();

  interface Orders {
    /** How long an order's status stream may hear nothing before it ends (the order goes on). Default 60s. */
    @WithDefault("60s")
    Duration streamIdle();
  }
}
