package org.acme.gateway.math;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Singleton;
import java.util.EnumMap;
import java.util.Map;
import org.acme.gateway.config.GatewayConfig;
import org.acme.gateway.rest.CallerMetadata;
import org.acme.transport.client.GuardedClient;
import org.acme.transport.client.NestClients;

/**
 * math-service over any of its transports, each behind its own {@link GuardedClient}: a deadline on every call,
 * retries with backoff for idempotent calls only, and a circuit breaker and bulkhead per transport, so one broker
 * going away does not open the others' circuits. Every call carries the HTTP request's metadata ({@link CallerMetadata}).
 */
@Singleton
public class MathClient {

  private final Map<MathTransport, GuardedClient> guarded = new EnumMap<>(MathTransport.class);

  MathClient(NestClients clients, GatewayConfig config, MeterRegistry meters) {
    for (MathTransport transport : MathTransport.values()) {
      guarded.put(transport, new GuardedClient(clients.get(transport.clientName()), "math over " + transport.wire(),
          config.calls(), meters, "gateway.calls"));
    }
  }

  /** A request that may be repeated safely: retried on transient failures. */
  public Uni<JsonNode> idempotent(MathTransport transport, String pattern, Object data) {
    return guarded.get(transport).idempotent(transport.pattern(pattern), data, CallerMetadata.options());
  }

  /** A request that must not be repeated: one attempt, still behind the deadline and the circuit breaker. */
  public Uni<JsonNode> once(MathTransport transport, String pattern, Object data) {
    return guarded.get(transport).once(transport.pattern(pattern), data, CallerMetadata.options());
  }

  /** A streamed request; its deadline applies to each next value. */
  public Multi<JsonNode> stream(MathTransport transport, String pattern, Object data) {
    return guarded.get(transport).stream(transport.pattern(pattern), data, CallerMetadata.options());
  }

  /** An event: fire and forget, but the broker must have taken it. */
  public Uni<Void> emit(MathTransport transport, String pattern, Object data) {
    return guarded.get(transport).emit(pattern, data, CallerMetadata.options());
  }
}
