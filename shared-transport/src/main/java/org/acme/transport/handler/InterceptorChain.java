package org.acme.transport.handler;

import com.fasterxml.jackson.databind.JsonNode;
import io.smallrye.mutiny.Multi;
import java.util.List;
import java.util.function.Supplier;

/**
 * What runs around one handler, in Nest's order: the pre-request hooks, then the guards, then the interceptors (global,
 * controller, method), then the handler; the answer goes back out through the interceptors and hooks in reverse. Each
 * step is lazy ({@link CallHandler}), so one that answers by itself skips everything after it.
 */
final class InterceptorChain {

  static final InterceptorChain NONE = new InterceptorChain(List.of(), List.of());

  private final List<PreRequestHook> hooks;
  private final List<Interceptor> interceptors;

  InterceptorChain(List<PreRequestHook> hooks, List<Interceptor> interceptors) {
    this.hooks = List.copyOf(hooks);
    this.interceptors = List.copyOf(interceptors);
  }

  /** Nothing to run around the handler: it may keep the in-place answer of a plain value. */
  boolean isEmpty() {
    return hooks.isEmpty() && interceptors.isEmpty();
  }

  /**
   * The message's answer: nothing runs until it is subscribed.
   *
   * @param data the payload as it came, which every step may read
   * @param guards throws (a 403 RpcException) when a guard refuses
   * @param handler the payload's conversion and validation, and the call
   */
  Multi<Object> run(JsonNode data, MessageContext context, Runnable guards, CallHandler handler) {
    CallHandler next = handler;
    for (int i = interceptors.size() - 1; i >= 0; i--) {
      Interceptor interceptor = interceptors.get(i);
      CallHandler inner = next;
      next = lazily(() -> interceptor.intercept(data, context, inner));
    }
    CallHandler intercepted = next;
    next = lazily(() -> {
      guards.run();
      return intercepted.handle();
    });
    for (int i = hooks.size() - 1; i >= 0; i--) {
      PreRequestHook hook = hooks.get(i);
      CallHandler inner = next;
      next = lazily(() -> hook.beforeRequest(data, context, inner));
    }
    return next.handle();
  }

  /**
   * Runs the step when its stream is subscribed, and turns what it throws into the stream's failure. The steps answer
   * {@code Multi<?>}, so that {@code next.handle().onItem().transform(...)} to any type is one; the values go on as
   * objects.
   */
  @SuppressWarnings("unchecked")
  private static CallHandler lazily(Supplier<Multi<?>> step) {
    return () -> Multi.createFrom().deferred(() -> (Multi<Object>) step.get());
  }
}
