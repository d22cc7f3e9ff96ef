package org.acme.order.service;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import jakarta.inject.Singleton;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.acme.contracts.order.Order;
import org.acme.order.service.OrderRepository.Stored;
import org.acme.transport.tracing.MessageTracing;

/**
 * One order, one trace: the trace context {@code create_order} was handled in is stored with the order, and each
 * saga step is a span of that trace ({@code saga reserve}, {@code saga pay}, {@code saga commit},
 * {@code saga compensate}), whichever instance runs it and however late: after a restart, or taken up by the sweep.
 * What set the step off when that is another trace is linked: a trigger current where the step starts, or the
 * {@code saga resume} span of the start-up that took the order up after a crash. The calls a step makes are its children.
 */
@Singleton
public class SagaTracing {

  private static final Map<String, String> STEPS = Map.of(Order.PENDING, "reserve", Order.RESERVED, "pay", Order.PAID, "commit",
      Order.COMPENSATING, "compensate");

  private final Tracer tracer;
  private final MessageTracing tracing;
  /** What set off each order's next step when no span of it is current there (a restart's resume, see setOff). */
  private final Map<String, SpanContext> causes = new ConcurrentHashMap<>();

  SagaTracing(OpenTelemetry openTelemetry, MessageTracing tracing) {
    this.tracer = openTelemetry.getTracer("org.acme.order");
    this.tracing = tracing;
  }

  /** What to store with a new order: the trace context it is placed in. */
  public Map<String, String> placedIn() {
    return tracing.current();
  }

  /**
   * Starts the span of a start-up's taking up of the sagas left unfinished (this instance, or another, may have died
   * in the middle of them): a trace of its own, which the first step of each order it takes up links to.
   */
  Span startResume() {
    return tracer.spanBuilder("saga resume").setNoParent().startSpan();
  }

  /** The order's next step was set off by this span (outside the order's trace): the step links to it. */
  void setOff(String orderId, Span by) {
    if (by.getSpanContext().isValid()) {
      causes.put(orderId, by.getSpanContext());
    }
  }

  /** The order's saga stopped here: a cause its next step never took is dropped. */
  void forget(String orderId) {
    causes.remove(orderId);
  }

  /** Starts the span of the step the order stands at, in the order's trace (the current one if none was stored). */
  Span startStep(Stored stored) {
    Order order = stored.order();
    Context parent = stored.trace().isEmpty() ? Context.current() : tracing.contextOf(stored.trace());
    SpanBuilder step = tracer.spanBuilder("saga " + STEPS.getOrDefault(order.status(), order.status())).setParent(parent)
        .setAttribute("order.id", order.orderId()).setAttribute("order.status", order.status());
    SpanContext cause = causes.remove(order.orderId());
    SpanContext trigger = cause != null ? cause : Span.current().getSpanContext();
    if (trigger.isValid() && !trigger.getTraceId().equals(Span.fromContext(parent).getSpanContext().getTraceId())) {
      step.addLink(trigger);
    }
    return step.startSpan();
  }

  /** Ends a step's span, failed when the step failed ("not now": it is tried again, in a span of its own). */
  static void end(Span step, Throwable failure) {
    if (failure != null) {
      step.recordException(failure);
      step.setStatus(StatusCode.ERROR, String.valueOf(failure.getMessage()));
    }
    step.end();
  }
}
