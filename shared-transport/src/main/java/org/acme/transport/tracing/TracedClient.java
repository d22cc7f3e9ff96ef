package org.acme.transport.tracing;

import com.fasterxml.jackson.databind.JsonNode;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Context;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import java.util.concurrent.Executor;
import java.util.function.Supplier;
import org.acme.transport.client.MessageOptions;
import org.acme.transport.client.NestClient;
import org.acme.transport.codec.PatternRoutes;

/**
 * Any transport's client, with a span per request (CLIENT) and per event (PRODUCER) whose context rides in the
 * message's metadata. The parent is taken when the call is made, on the caller's thread; the span starts when the
 * call is subscribed (a retry is a span of its own) and ends with the last reply, the failure or the cancellation.
 */
public final class TracedClient implements NestClient {

  private final NestClient client;
  private final MessageTracing tracing;

  public TracedClient(NestClient client, MessageTracing tracing) {
    this.client = client;
    this.tracing = tracing;
  }

  @Override
  public String transport() {
    return client.transport();
  }

  @Override
  public Multi<JsonNode> stream(String pattern, Object data, MessageOptions options) {
    Context parent = tracing.parentOf(options);
    return Multi.createFrom().deferred(() -> {
      Send send = start(parent, pattern, false);
      return send.call(() -> client.stream(pattern, data, tracing.inject(send.context(), options))).runSubscriptionOn(send.inside())
          .onTermination().invoke((failure, cancelled) -> send.end(failure));
    });
  }

  @Override
  public Uni<Void> emit(String pattern, Object data, MessageOptions options) {
    Context parent = tracing.parentOf(options);
    return Uni.createFrom().deferred(() -> {
      Send send = start(parent, pattern, true);
      return send.call(() -> client.emit(pattern, data, tracing.inject(send.context(), options))).runSubscriptionOn(send.inside())
          .onTermination().invoke((item, failure, cancelled) -> send.end(failure));
    });
  }

  private Send start(Context parent, String pattern, boolean event) {
    Span span = tracing.startSend(parent, transport(), PatternRoutes.route(pattern), event);
    return new Send(span, parent.with(span));
  }

  /** One send's span, and the context it is current in. */
  private record Send(Span span, Context context) {

    /** Calls the client with the span current (the caller puts the context in the options' metadata). */
    <T> T call(Supplier<T> client) {
      try {
        return TraceScope.call(context, client);
      } catch (RuntimeException e) {
        end(e);
        throw e;
      }
    }

    /** Subscribes on the subscribing thread, inside the span: what a client does then (naming the request) sees it. */
    Executor inside() {
      return TraceScope.executor(context);
    }

    void end(Throwable failure) {
      if (failure != null) {
        MessageTracing.failed(span, failure);
      }
      span.end();
    }
  }
}
