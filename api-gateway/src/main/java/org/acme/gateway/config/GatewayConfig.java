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

  /** What one caller may ask of the gateway: {@code gateway.limits.*}. */
  Limits limits();

  interface Limits {
    /** The largest request body, in bytes; a larger one is 413. Default 65536 (64 KiB). */
    @WithDefault("65536")
    long body();

    /** Requests per second one caller (its address) may make, on average; above it, 429 with Retry-After. Default 100. */
    @WithDefault("100")
    double rate();

    /** How many requests one caller may make at once above its rate before it is held to it. Default 200. */
    @WithDefault("200")
    int burst();

    /** Requests of one caller in flight at once (status streams included); one more is 429. Default 64. */
    @WithDefault("64")
    int concurrency();
  }

  interface Orders {
    /** How long an order's status stream may hear nothing before it ends (the order goes on). Default 60s. */
    @WithDefault("60s")
    Duration streamIdle();
  }
}
