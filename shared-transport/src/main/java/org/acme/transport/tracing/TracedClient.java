package org.acme.transport.tracing;

import com.fasterxml.jackson.databind.JsonNode;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import java.util.concurrent.Executor;
import org.acme.transport.client.MessageOptions;
import org.acme.transport.client.NestClient;
import org.acme.transport.codec.PatternRoutes;

/**
 * Any transport's client, with a span per request (CLIENT) and per event (PRODUCER) whose context rides in the
 * message's metadata. The parent is taken when the call is made, on the caller's thread; the span starts when the
 * call is subscribed (a retry is a span of its own) and ends with the last reply, the failure or the cancellation.
 */
public final class TracedClient implements NestClient {

  /** Runs the subscription on the subscribing thread: with {@link Context#wrap(Executor)}, inside the span. */
  private static final Executor SAME_THREAD = Runnable::run;

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
      Span span = tracing.startSend(parent, transport(), PatternRoutes.route(pattern), false);
      Context context = parent.with(span);
      Multi<JsonNode> replies;
      try (Scope ignored = context.makeCurrent()) {
        replies = client.stream(pattern, data, tracing.inject(context, options));
      } catch (RuntimeException e) {
        MessageTracing.failed(span, e);
        span.end();
        throw e;
      }
      // subscribed inside the span, so that what the client does then (naming the request's id) sees it
      return replies.runSubscriptionOn(context.wrap(SAME_THREAD)).onTermination().invoke((failure, cancelled) -> {
        if (failure != null) {
          MessageTracing.failed(span, failure);
        }
        span.end();
      });
    });
  }

  @Override
  public Uni<Void> emit(String pattern, Object data, MessageOptions options) {
    Context parent = tracing.parentOf(options);
    return Uni.createFrom().deferred(() -> {
      Span span = tracing.startSend(parent, transport(), PatternRoutes.route(pattern), true);
      Context context = parent.with(span);
      Uni<Void> sent;
      try (Scope ignored = context.makeCurrent()) {
        sent = client.emit(pattern, data, tracing.inject(context, options));
      } catch (RuntimeException e) {
        MessageTracing.failed(span, e);
        span.end();
        throw e;
      }
      return sent.runSubscriptionOn(context.wrap(SAME_THREAD)).onTermination().invoke((item, failure, cancelled) -> {
        if (failure != null) {
          MessageTracing.failed(span, failure);
        }
        span.end();
      });
    });
  }
}
