package org.acme.transport.tracing;

import io.opentelemetry.context.Context;
import org.jboss.logging.MDC;

/**
 * A field in the log MDC while a log line about one thing is written: the order a line speaks of, say, which JSON
 * logs ({@code quarkus.log.console.json.enabled}) then print as a field of its own beside the trace and span ids, so
 * every line of one order is found by a field rather than by text. The field's value before is put back afterwards
 * (a line may be written inside a span whose MDC holds other fields). Use:
 * {@code LogMdc.order(id, () -> Log.infof(...))}, or {@code try (LogMdc ignored = LogMdc.with(key, value)) {...}}.
 */
public final class LogMdc implements AutoCloseable {

  /** The MDC field naming the order a line is about. */
  public static final String ORDER_ID = "orderId";

  private final String key;
  private final Object before;

  private LogMdc(String key, Object before) {
    this.key = key;
    this.before = before;
  }

  public static LogMdc with(String key, String value) {
    Object before = MDC.get(key);
    if (value != null) {
      MDC.put(key, value);
    }
    return new LogMdc(key, before);
  }

  /**
   * Writes the line(s) with the order's id in the MDC. On a Vert.x root context (a Redis or NATS reply's callback)
   * Quarkus's MDC keeps nothing, as its OpenTelemetry context does not (see {@link TraceScope}): there the line is
   * written on a duplicate of it, at once, with the current trace context.
   */
  public static void order(String orderId, Runnable line) {
    TraceScope.call(Context.current(), () -> {
      try (LogMdc ignored = with(ORDER_ID, orderId)) {
        line.run();
      }
      return null;
    });
  }

  @Override
  public void close() {
    if (before == null) {
      MDC.remove(key);
    } else {
      MDC.put(key, before);
    }
  }
}
