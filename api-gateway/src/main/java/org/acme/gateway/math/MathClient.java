package org.acme.gateway.math;

import com.fasterxml.jackson.databind.JsonNode;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Singleton;
import org.acme.gateway.config.GatewayConfig;
import org.acme.gateway.rest.CallerMetadata;
import org.acme.transport.client.GuardedClient;
import org.acme.transport.client.GuardedClients;

/**
 * math-service over any of its transports, each route behind its own {@link GuardedClient}: a deadline on every
 * call, retries with backoff for idempotent calls only, and a circuit breaker and bulkhead per transport and pattern,
 * so one broker going away does not open the others' circuits, and a flood of {@code never} (whose deadlines count
 * as failures) opens only its own. Every call carries the HTTP request's metadata ({@link CallerMetadata}).
 */
@Singleton
public class MathClient {

  private final GuardedClients clients;
  private final GatewayConfig config;

  MathClient(GuardedClients clients, GatewayConfig config) {
    this.clients = clients;
    this.config = config;
  }

  /** A circuit per pattern and transport: one failing pattern does not refuse the others. */
  private GuardedClient route(MathTransport transport, String pattern) {
    return clients.get(transport.clientName(), "math " + pattern + " over " + transport.wire(), config.calls(), "gateway.calls");
  }

  /** A request that may be repeated safely: retried on transient failures. */
  public Uni<JsonNode> idempotent(MathTransport transport, String pattern, Object data) {
    return route(transport, pattern).idempotent(transport.pattern(pattern), data, CallerMetadata.options());
  }

  /** A request that must not be repeated: one attempt, still behind the deadline and the circuit breaker. */
  public Uni<JsonNode> once(MathTransport transport, String pattern, Object data) {
    return route(transport, pattern).once(transport.pattern(pattern), data, CallerMetadata.options());
  }

  /** A streamed request; its deadline applies to each next value. */
  public Multi<JsonNode> stream(MathTransport transport, String pattern, Object data) {
    return route(transport, pattern).stream(transport.pattern(pattern), data, CallerMetadata.options());
  }

  /** An event: fire and forget, but the broker must have taken it. */
  public Uni<Void> emit(MathTransport transport, String pattern, Object data) {
    return route(transport, pattern).emit(pattern, data, CallerMetadata.options());
  }
}
