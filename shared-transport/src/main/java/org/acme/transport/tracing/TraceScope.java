package org.acme.transport.tracing;

import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.smallrye.common.vertx.VertxContext;
import io.vertx.core.Vertx;
import io.vertx.core.impl.ContextInternal;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

/**
 * Runs work with a trace context current, on any thread. Quarkus keeps the current OpenTelemetry context (and the
 * MDC that logs print) in a duplicated Vert.x context when the thread has a Vert.x context; on a root context, the
 * one our TCP server and the Redis, MQTT and RabbitMQ clients call back on, {@code makeCurrent()} stores it in a
 * fresh duplicate nobody reads. So there the work is dispatched, on this same thread and at once, on a duplicate of
 * the root context, where the trace context then is what {@code Context.current()} and the log MDC see.
 */
public final class TraceScope {

  private TraceScope() {
  }

  public static <T> T call(Context trace, Supplier<T> work) {
    io.vertx.core.Context vertx = Vertx.currentContext();
    if (vertx == null || VertxContext.isDuplicatedContext(vertx)) {
      try (Scope ignored = trace.makeCurrent()) {
        return work.get();
      }
    }
    ContextInternal duplicate = ((ContextInternal) vertx).duplicate();
    ContextInternal previous = duplicate.beginDispatch();
    try (Scope ignored = trace.makeCurrent()) {
      return work.get();
    } finally {
      duplicate.endDispatch(previous);
    }
  }

  /** Runs each task on the calling thread with the trace context current: for {@code runSubscriptionOn}. */
  public static Executor executor(Context trace) {
    return task -> call(trace, () -> {
      task.run();
      return null;
    });
  }
}
