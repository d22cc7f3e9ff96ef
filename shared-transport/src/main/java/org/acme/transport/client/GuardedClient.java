package org.acme.transport.client;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.opentelemetry.context.Context;
import io.smallrye.faulttolerance.api.CircuitBreakerState;
import io.smallrye.faulttolerance.api.Guard;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.util.TypeLiteral;
import java.io.IOException;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.acme.transport.broker.BrokerUnavailableException;
import org.acme.transport.tracing.TraceScope;

/**
 * A {@link NestClient} with the client-side practices NestJS leaves to its users, built with SmallRye Fault
 * Tolerance: a deadline on every call, retries with backoff for idempotent calls only, a circuit breaker and a
 * bulkhead. An answer the service gave, even an error, never counts against the circuit and is never retried.
 * Every call is timed as {@code <metric>{transport, pattern, outcome}}. Made and shared by {@link GuardedClients},
 * which also exports the circuit's state.
 */
public final class GuardedClient {

  private static final TypeLiteral<Uni<JsonNode>> UNI_JSON = new TypeLiteral<>() {
  };

  private final NestClient client;
  private final CallPolicy policy;
  private final MeterRegistry meters;
  private final String metric;
  private final Guard breaker;
  private final Guard retries;
  private final AtomicInteger circuit = new AtomicInteger();

  /**
   * @param description names the circuit in logs and metrics, e.g. "math over nats"
   * @param metric the timer's name, e.g. {@code gateway.calls}
   */
  GuardedClient(NestClient client, String description, CallPolicy policy, MeterRegistry meters, String metric) {
    this.client = client;
    this.policy = policy;
    this.meters = meters;
    this.metric = metric;
    this.breaker = Guard.create()
        .withDescription(description)
        .withTimeout().duration(policy.deadline().toMillis(), ChronoUnit.MILLIS).done()
        .withCircuitBreaker().requestVolumeThreshold(policy.circuitRequestVolume()).failureRatio(policy.circuitFailureRatio())
        .delay(policy.circuitDelay().toMillis(), ChronoUnit.MILLIS).skipOn(RemoteException.class)
        .onStateChange(state -> circuit.set(level(state))).done()
        .withBulkhead().limit(policy.bulkhead()).queueSize(policy.bulkheadQueue()).done()
        .build();
    this.retries = Guard.create()
        .withDescription(description + ": idempotent-call retries")
        .withRetry().maxRetries(policy.maxRetries()).delay(policy.retryDelay().toMillis(), ChronoUnit.MILLIS)
        .retryOn(List.of(DeadlineExceededException.class, BrokerUnavailableException.class, IOException.class,
            org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException.class))
        .withExponentialBackoff().factor(2).done().done()
        .build();
  }

  public String transport() {
    return client.transport();
  }

  /** The circuit now: 0 closed, 1 half-open (trying again), 2 open (refusing at once). */
  public int circuitLevel() {
    return circuit.get();
  }

  private static int level(CircuitBreakerState state) {
    return switch (state) {
      case CLOSED -> 0;
      case HALF_OPEN -> 1;
      case OPEN -> 2;
    };
  }

  /** A request that may be repeated safely: retried on transient failures. */
  public Uni<JsonNode> idempotent(String pattern, Object data) {
    return idempotent(pattern, data, MessageOptions.NONE);
  }

  /**
   * The retries share one budget, the deadline: the one the options carry (passed on from this service's own
   * caller), or {@code deadline} from now. Each attempt carries it, so the whole call, retries included, and every
   * hop behind it end within it.
   */
  public Uni<JsonNode> idempotent(String pattern, Object data, MessageOptions options) {
    Deadline budget = Deadline.of(options, policy.deadline());
    MessageOptions stamped = budget.stamp(options);
    Context caller = Context.current();
    return retries.get(() -> TraceScope.call(caller, () -> once(pattern, data, stamped)), UNI_JSON)
        .ifNoItem().after(positive(budget.remaining()))
        .failWith(() -> new DeadlineExceededException(client.transport(), pattern, policy.deadline()));
  }

  /** A request that must not be repeated: one attempt, still behind the deadline and the circuit breaker. */
  public Uni<JsonNode> once(String pattern, Object data) {
    return once(pattern, data, MessageOptions.NONE);
  }

  public Uni<JsonNode> once(String pattern, Object data, MessageOptions options) {
    MessageOptions stamped = Deadline.of(options, policy.deadline()).stamp(options);
    Timer.Sample sample = Timer.start(meters);
    // the guard calls later, maybe on another thread: the call is made in the caller's trace context all the same
    Context caller = Context.current();
    return breaker.get(() -> TraceScope.call(caller, () -> client.send(pattern, data, stamped, JsonNode.class)), UNI_JSON)
        .onTermination().invoke((item, failure, cancelled) -> sample.stop(meters.timer(metric,
            "transport", client.transport(), "pattern", pattern, "outcome", outcome(failure))));
  }

  /** A streamed request; its deadline applies to each next value. */
  public Multi<JsonNode> stream(String pattern, Object data, MessageOptions options) {
    return client.stream(pattern, data, Deadline.of(options, policy.deadline()).stamp(options));
  }

  /** An event: fire and forget, but the broker must have taken it within the deadline. */
  public Uni<Void> emit(String pattern, Object data, MessageOptions options) {
    return client.emit(pattern, data, options)
        .ifNoItem().after(policy.deadline()).failWith(() -> new DeadlineExceededException(client.transport(), pattern, policy.deadline()));
  }

  private static java.time.Duration positive(java.time.Duration left) {
    return left.isNegative() || left.isZero() ? java.time.Duration.ofMillis(1) : left;
  }

  private static String outcome(Throwable failure) {
    if (failure == null) {
      return "ok";
    }
    if (failure instanceof RemoteException) {
      return "remote-error";
    }
    if (failure instanceof NoResponderException || failure instanceof BrokerUnavailableException) {
      return "unavailable";
    }
    return failure.getClass().getSimpleName();
  }
}
