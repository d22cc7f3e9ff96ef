package org.acme.transport.handler;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Context;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.acme.transport.client.Deadline;
import org.acme.transport.codec.NestError;
import org.acme.transport.codec.OutgoingPacket;
import org.acme.transport.config.LimitsConfig;
import org.acme.transport.config.ServerConfig;
import org.acme.transport.tracing.MessageTracing;

/**
 * The shared seam between transports and handlers: every server hands a route, a payload and a context here,
 * and gets back the reply packets, already in Nest's shape. The handlers are the {@link HandlerCatalogue}'s; this runs
 * one message through them: the drain, the deadline, the handler timeout, the stream bound, the filters, metrics.
 * Each message is handled inside a span of its own, the child of its sender's ({@link MessageTracing}).
 */
@Singleton
public class MessageRouter {

  /** Nest's NO_MESSAGE_HANDLER text, sent as the {@code err} of a request nobody answers. */
  public static final String NO_HANDLER = "There is no matching message handler defined in the remote service.";
  /** Nest's UNKNOWN_EXCEPTION_MESSAGE, the message of a failure the handler did not mean. */
  public static final String INTERNAL_ERROR = "Internal server error";
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private final ObjectMapper json;
  private final ServerConfig config;
  private final MeterRegistry meters;
  private final LimitsConfig limits;
  private final MessageTracing tracing;
  private final RequestTimers timers;
  private final Drain drain;
  private final HandlerCatalogue handlers;

  MessageRouter(HandlerCatalogue handlers, ObjectMapper json, ServerConfig config, MeterRegistry meters, LimitsConfig limits,
      MessageTracing tracing, Drain drain) {
    this.handlers = handlers;
    this.drain = drain;
    this.limits = limits;
    this.tracing = tracing;
    this.json = json;
    this.config = config;
    this.meters = meters;
    this.timers = new RequestTimers(meters);
  }

  /** The handlers, by route: what a server subscribes to and asks whether a route is handled. */
  public HandlerCatalogue handlers() {
    return handlers;
  }

  /**
   * Answers a request: the handler's values as reply packets, the last one disposed, or one error packet. Never
   * fails and always ends, within the handler timeout.
   */
  public Multi<OutgoingPacket> request(String route, JsonNode data, MessageContext context) {
    Optional<OutgoingPacket> now = requestNow(route, data, context);
    if (now.isPresent()) {
      return Multi.createFrom().item(now.get());
    }
    HandlerMethod handler = handlers.message(route);
    Context trace = tracing.startProcess(context, route, false);
    Span span = Span.fromContext(trace);
    Optional<OutgoingPacket> refused = refusal(route, handler, context, span);
    if (refused.isPresent()) {
      return Multi.createFrom().item(refused.get());
    }
    Timer.Sample sample = Timer.start(meters);
    AtomicLong sent = new AtomicLong();
    Multi<Object> values = drain.bounded(handler.invoke(data, context, trace))
        .ifNoItem().after(config.handlerTimeout()).failWith(() -> new TimeoutException("handler gave no answer within " + config.handlerTimeout()))
        .onItem().invoke(value -> {
          if (sent.incrementAndGet() > config.maxStreamLength()) {
            throw RpcException.withStatus(400, "the answer is longer than " + config.maxStreamLength() + " values (nest.server.max-stream-length)");
          }
        });
    return ReplyStream.of(values, json, failure -> {
      MessageTracing.failed(span, failure);
      return errorFor(failure, handler, context);
    }).onSubscription().invoke(subscribed -> drain.begin(context.transport())).onTermination().invoke((failure, cancelled) -> {
      sample.stop(timers.get(context.transport(), route, cancelled ? "cancelled" : "done"));
      span.end();
      drain.end(context.transport());
    });
  }

  /**
   * The one reply packet of a request that can be answered on this thread, without a stream: no handler, a deadline
   * passed, or a handler that returns a plain value without blocking. Empty when the answer is a stream: then
   * {@link #request}. A transport that takes this path first skips the reactive pipeline for the common request.
   */
  public Optional<OutgoingPacket> requestNow(String route, JsonNode data, MessageContext context) {
    HandlerMethod handler = handlers.message(route);
    if (handler != null && !handler.immediate()) {
      return Optional.empty();
    }
    Context trace = tracing.startProcess(context, route, false);
    Span span = Span.fromContext(trace);
    Optional<OutgoingPacket> refused = refusal(route, handler, context, span);
    if (refused.isPresent()) {
      return refused;
    }
    drain.begin(context.transport());
    try {
      return Optional.of(answerNow(route, handler, data, context, trace));
    } finally {
      drain.end(context.transport());
    }
  }

  /**
   * No handler, or a deadline that has passed: the answer, given without running anything, its span ended failed for
   * the reason. Empty when the handler is to run.
   */
  private Optional<OutgoingPacket> refusal(String route, HandlerMethod handler, MessageContext context, Span span) {
    OutgoingPacket answer;
    String reason;
    if (drain.draining()) {
      // stopping: a request that arrives now is not started; "not now", so its caller tries again (another instance)
      meters.counter("nest.server.requests.refused.stopping", "transport", context.transport()).increment();
      answer = OutgoingPacket.error(NestError.of(503, "the service is stopping; try again"));
      reason = "stopping";
    } else if (handler == null) {
      meters.counter("nest.server.requests.unhandled", "transport", context.transport()).increment();
      answer = OutgoingPacket.noHandler(NODES.textNode(NO_HANDLER));
      reason = NO_HANDLER;
    } else {
      Optional<NestError> expired = expired(route, context);
      if (expired.isEmpty()) {
        return Optional.empty();
      }
      answer = OutgoingPacket.error(expired.get());
      reason = expired.get().message();
    }
    MessageTracing.failed(span, reason);
    span.end();
    return Optional.of(answer);
  }

  /**
   * A plain value from a non-blocking handler, answered on this thread: the same packet {@link #request}'s stream would give
   * (one value, disposed; none gives a bare end; a throw gives the shaped error), without its operators, timer task
   * and context captures, which were most of the time JFR found in a request (a handler timeout cannot stop a call
   * that holds the thread anyway). Its span is current while the handler runs and ends with the answer.
   */
  private OutgoingPacket answerNow(String route, HandlerMethod handler, JsonNode data, MessageContext context, Context trace) {
    Span span = Span.fromContext(trace);
    Timer.Sample sample = Timer.start(meters);
    OutgoingPacket packet;
    try {
      Object value = handler.callNow(data, context, trace);
      packet = value == null ? OutgoingPacket.end() : OutgoingPacket.value(json.valueToTree(value), true);
    } catch (RuntimeException failure) {
      MessageTracing.failed(span, failure);
      packet = OutgoingPacket.error(errorFor(failure, handler, context));
    }
    sample.stop(timers.get(context.transport(), route, "done"));
    span.end();
    return packet;
  }

  /**
   * A request whose sender's deadline has passed is not started: its caller has given up on it, and work done now
   * would be work nobody is told about (a create_order read from Kafka after a restart, say). It is answered with a
   * 504, counted ({@code nest.server.expired}) and logged at debug. A deadline that is not a number is a 400.
   */
  private Optional<NestError> expired(String route, MessageContext context) {
    Optional<Deadline> deadline;
    try {
      deadline = Deadline.from(context.metadata());
    } catch (IllegalArgumentException unreadable) {
      return Optional.of(NestError.of(400, unreadable.getMessage()));
    }
    if (deadline.isEmpty() || !deadline.get().passed()) {
      return Optional.empty();
    }
    meters.counter("nest.server.expired", "transport", context.transport(), "pattern", route).increment();
    // the instant, not how long ago: a deadline of Long.MIN_VALUE ms is 292 million years ago, more ms than a long holds
    Log.debugf("%s over %s: not started, its deadline %s has passed", route, context.transport(), deadline.get().at());
    return Optional.of(NestError.of(504, "the request's deadline passed before it was started"));
  }

  /**
   * Whether a message of this many bytes is over {@code nest.limits.message-size}: then it is not read at all (its
   * parse alone could cost more than any answer is worth), and this counts ({@code nest.server.too-large}) and logs it.
   */
  public boolean tooLarge(String transport, String route, long bytes) {
    if (bytes <= limits.messageSize()) {
      return false;
    }
    meters.counter("nest.server.too-large", "transport", transport).increment();
    Log.warnf("%s over %s: a message of %d bytes, over the limit of %d (nest.limits.message-size); not read", route, transport, bytes,
        limits.messageSize());
    return true;
  }

  /** The error a sender of a message too large gets, where it can be told. */
  public NestError tooLargeError(long bytes) {
    return NestError.of(413, "the message has " + bytes + " bytes, over the limit of " + limits.messageSize() + " (nest.limits.message-size)");
  }

  /**
   * A request that asks for its reply somewhere replies do not go (another service's subject or queue, a topic that
   * is not the route's reply topic): it is not handled, and this counts ({@code nest.server.replies.refused}) and logs it.
   */
  public void refusedReply(String transport, String route, String destination) {
    meters.counter("nest.server.replies.refused", "transport", transport).increment();
    Log.warnf("%s over %s: not handled, its reply would go to %s, where replies do not belong", route, transport, destination);
  }

  /**
   * Handles an event with every handler of its route; completes when all are done, never with a failure. A failing
   * handler is logged and counted, and its failure comes back as the outcome, so a transport that acknowledges
   * (Kafka, RabbitMQ) can dead-letter the event instead of losing it; the fire-and-forget ones just log. It fails only
   * with {@link Drain.HandedBack}, when the service stops before the handlers are done: not to be dead-lettered but
   * handed back to the broker.
   */
  public Uni<Optional<String>> event(String route, JsonNode data, MessageContext context) {
    Context trace = tracing.startProcess(context, route, true);
    Span span = Span.fromContext(trace);
    return drain.bounded(handleEvent(route, data, context, trace))
        .onSubscription().invoke(subscribed -> drain.begin(context.transport())).onTermination().invoke((failed, failure, cancelled) -> {
      if (failed != null) {
        failed.ifPresent(reason -> MessageTracing.failed(span, reason));
      }
      if (failure != null) {
        MessageTracing.failed(span, failure);
      }
      span.end();
      drain.end(context.transport());
    });
  }

  private Uni<Optional<String>> handleEvent(String route, JsonNode data, MessageContext context, Context trace) {
    List<HandlerMethod> running = handlers.events(route);
    if (running == null) {
      Log.warnf("There is no matching event handler defined in the remote service. Event pattern: %s (%s)", route, context.transport());
      return Uni.createFrom().item(Optional.of("no event handler for " + route));
    }
    meters.counter("nest.server.events", "transport", context.transport(), "pattern", route).increment();
    List<Uni<Optional<String>>> runs = new ArrayList<>();
    for (HandlerMethod handler : running) {
      runs.add(handler.invoke(data, context, trace).collect().last()
          .ifNoItem().after(config.handlerTimeout()).failWith(() -> new TimeoutException("event handler still running after " + config.handlerTimeout()))
          .onItem().transform(done -> Optional.<String>empty())
          .onFailure().recoverWithItem(e -> {
            if (callersMistake(e)) {
              // the event was wrong, not the service: ten thousand bad events from one sender are no ten thousand errors
              Log.warnf("Event handler %s refused an event on %s (%s): %s", handler.describe(), route, context.transport(), eventFailure(e));
            } else {
              Log.errorf(e, "Event handler %s failed on %s (%s)", handler.describe(), route, context.transport());
            }
            meters.counter("nest.server.events.failed", "transport", context.transport(), "pattern", route).increment();
            return Optional.of(handler.describe() + ": " + eventFailure(e));
          }));
    }
    return Uni.join().all(runs).andCollectFailures().map(failures -> {
      List<String> failed = failures.stream().flatMap(Optional::stream).toList();
      return failed.isEmpty() ? Optional.<String>empty() : Optional.of(String.join("; ", failed));
    });
  }

  /** An RpcException with a 4xx statusCode: what a request would have been answered "no" to (invalid, forbidden). */
  private boolean callersMistake(Throwable e) {
    return Outcome.callersMistake(e);
  }

  /** An RpcException's error as the JSON a request would have got, anything else by its class and message. */
  private String eventFailure(Throwable e) {
    return e instanceof RpcException rpc ? json.valueToTree(rpc.getError()).toString() : e.toString();
  }

  private JsonNode errorFor(Throwable failure, HandlerMethod handler, MessageContext context) {
    try {
      return shapeError(failure, handler, context);
    } catch (RuntimeException filterFailed) {
      Log.errorf(filterFailed, "Exception filter of %s failed", handler.describe());
      return json.valueToTree(NestError.of(500, INTERNAL_ERROR));
    }
  }

  private JsonNode shapeError(Throwable failure, HandlerMethod handler, MessageContext context) {
    if (failure instanceof RpcException rpc) {
      return handler.filters.isEmpty() ? rpcError(rpc.getError()) : json.valueToTree(handler.filters.get(0).catchError(rpc, context));
    }
    Log.errorf(failure, "Handler %s failed on %s (%s)", handler.describe(), context.pattern(), context.transport());
    return json.valueToTree(NestError.of(500, INTERNAL_ERROR));
  }

  /** Nest's shape of an RpcException's error: a string becomes {status, message}; an object goes as it is. */
  private JsonNode rpcError(Object error) {
    return json.valueToTree(error instanceof String message ? NestError.of(message) : error);
  }
}
