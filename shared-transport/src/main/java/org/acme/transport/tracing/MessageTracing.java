package org.acme.transport.tracing;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapPropagator;
import jakarta.inject.Singleton;
import java.util.LinkedHashMap;
import java.util.Map;
import org.acme.transport.client.MessageOptions;
import org.acme.transport.handler.MessageContext;

/**
 * Trace context on every transport, in the two seams all of them share: a client span per send or emit
 * ({@link TracedClient}, around every client {@code NestClients} makes) and a server span per handled message
 * ({@code MessageRouter}, which every server calls). The context travels as W3C {@code traceparent},
 * {@code tracestate} and {@code baggage} entries of the message metadata, so exactly where metadata goes: native
 * headers on Kafka, NATS, AMQP and gRPC, Nest 12's packet {@code metadata} on TCP, Redis and MQTT.
 * <p>
 * Spans follow the OpenTelemetry messaging conventions: a request is a CLIENT span on the sender and a SERVER span
 * on the handler, an event a PRODUCER and a CONSUMER span. With the SDK off ({@code quarkus.otel.sdk.disabled}) the
 * tracer and propagator are no-ops; an unsampled span is not recording and sets no attributes.
 */
@Singleton
public class MessageTracing {

  private final Tracer tracer;
  private final TextMapPropagator propagator;

  MessageTracing(OpenTelemetry openTelemetry) {
    this.tracer = openTelemetry.getTracer("org.acme.transport");
    this.propagator = openTelemetry.getPropagators().getTextMapPropagator();
  }

  /**
   * The parent of an outgoing message: the span current on the calling thread, or else the trace context the
   * options carry (a handler that passes its metadata on from a thread where its span is no longer current still
   * sends within its trace).
   */
  public Context parentOf(MessageOptions options) {
    Context current = Context.current();
    if (Span.fromContext(current).getSpanContext().isValid()) {
      return current;
    }
    return propagator.extract(current, options.metadata(), TraceCarrier.GETTER);
  }

  /**
   * The current trace context as metadata entries: to store with a piece of work (an order) that goes on later,
   * or to send with calls made later from another thread. Empty when there is none, or tracing is off.
   */
  public Map<String, String> current() {
    return entriesOf(Context.current());
  }

  /** A trace context as metadata entries (empty when it has none, or tracing is off). */
  public Map<String, String> entriesOf(Context context) {
    Map<String, String> entries = new LinkedHashMap<>();
    propagator.inject(context, entries, TraceCarrier.SETTER);
    return entries;
  }

  /** The trace context these entries (what {@link #current()} gave) carry, as a parent. */
  public Context contextOf(Map<String, String> entries) {
    return propagator.extract(Context.root(), entries, TraceCarrier.GETTER);
  }

  /** Starts the CLIENT (request) or PRODUCER (event) span of one outgoing message. */
  public Span startSend(Context parent, String transport, String route, boolean event) {
    Span span = tracer.spanBuilder("send " + route).setParent(parent)
        .setSpanKind(event ? SpanKind.PRODUCER : SpanKind.CLIENT).startSpan();
    if (span.isRecording()) {
      MessagingAttributes.set(span, transport, route, route, "send");
    }
    return span;
  }

  /**
   * The options with this context's W3C entries in their metadata, replacing any the caller passed on (those name
   * the caller's parent, not this message's span).
   */
  public MessageOptions inject(Context context, MessageOptions options) {
    Map<String, String> entries = new LinkedHashMap<>();
    propagator.inject(context, entries, TraceCarrier.SETTER);
    if (entries.isEmpty() && !TraceCarrier.carriesTrace(options.metadata())) {
      return options;
    }
    MessageOptions traced = options.without(TraceCarrier.KEYS);
    for (Map.Entry<String, String> entry : entries.entrySet()) {
      traced = traced.with(entry.getKey(), entry.getValue());
    }
    return traced;
  }

  /**
   * Starts the SERVER (request) or CONSUMER (event) span of one handled message, the child of the sender's span
   * when its metadata carries one; the returned context holds the span and the sender's baggage.
   */
  public Context startProcess(MessageContext message, String route, boolean event) {
    Context parent = propagator.extract(Context.root(), message.metadata(), TraceCarrier.GETTER);
    Span span = tracer.spanBuilder("process " + route).setParent(parent)
        .setSpanKind(event ? SpanKind.CONSUMER : SpanKind.SERVER).startSpan();
    if (span.isRecording()) {
      MessagingAttributes.set(span, message.transport(), route, MessagingAttributes.destination(message, route), "process");
      MessagingAttributes.messageId(message).ifPresent(id -> span.setAttribute(MessagingAttributes.MESSAGE_ID, id));
    }
    return parent.with(span);
  }

  /**
   * Starts the CONSUMER span of a message read outside a Nest server (a plain broker subscription, such as the
   * gateway's on order statuses), the child of the sender's span when its entries carry one.
   */
  public Context startReceive(String transport, String destination, Map<String, String> entries) {
    Context parent = contextOf(entries);
    Span span = tracer.spanBuilder("process " + destination).setParent(parent).setSpanKind(SpanKind.CONSUMER).startSpan();
    if (span.isRecording()) {
      MessagingAttributes.set(span, transport, destination, destination, "process");
    }
    return parent.with(span);
  }

  /** Records a request's id on the current span: the client span, where a client names its request. */
  public static void messageId(String id) {
    Span span = Span.current();
    if (span.isRecording()) {
      MessagingAttributes.messageId(span, id);
    }
  }

  /** Marks the span failed, with the failure as an exception event. */
  public static void failed(Span span, Throwable failure) {
    if (span.isRecording()) {
      span.recordException(failure);
      span.setStatus(StatusCode.ERROR, String.valueOf(failure.getMessage()));
    }
  }

  /** Marks the span failed with a reason that is no exception (no handler, an expired deadline, a refused event). */
  public static void failed(Span span, String reason) {
    span.setStatus(StatusCode.ERROR, reason);
  }
}
