package org.acme.math;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.arc.properties.IfBuildProperty;
import io.smallrye.mutiny.Multi;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.acme.math.handler.DataRequiredFilter;
import org.acme.transport.handler.CallHandler;
import org.acme.transport.handler.EventPattern;
import org.acme.transport.handler.GlobalInterceptor;
import org.acme.transport.handler.Interceptor;
import org.acme.transport.handler.MessageContext;
import org.acme.transport.handler.MessageController;
import org.acme.transport.handler.MessagePattern;
import org.acme.transport.handler.NonBlockingHandler;
import org.acme.transport.handler.PreRequestHook;
import org.acme.transport.handler.RpcException;
import org.acme.transport.handler.UseFilters;
import org.acme.transport.handler.UseInterceptors;

/**
 * Test-only handlers and interceptors: what {@link MathContract} asks on every transport about interceptors, and the
 * global hook and interceptor {@link MathGlobalInterceptorsTests} switches on ({@value #GLOBALS}; off elsewhere, so that
 * the other tests' handlers keep their in-place answers). Patterns are plain strings, legal Kafka topics.
 */
final class InterceptProbes {

  static final String CHANGED = "intercept_changed";
  static final String CACHED = "intercept_cached";
  static final String CONTEXT = "intercept_context";
  static final String REFUSED = "intercept_refused";
  static final String BROKEN = "intercept_broken";
  static final String STREAM = "intercept_stream";
  static final String ORDER = "intercept_order";
  static final String EVENT = "intercept_event";
  static final String MARKED = "intercept_marked";
  static final String HOOKED = "intercept_hooked";
  /** Build property that brings in {@link Hook} and {@link Global}. */
  static final String GLOBALS = "test.intercept.globals";
  /** Metadata: an id the hook records, and whether it answers by itself. */
  static final String PROBE_ID = "x-probe-id";
  static final String HOOK_ANSWERS = "x-probe-hook-answers";

  /** What the event interceptor saw complete, and what the hook saw, by transport. */
  static final Map<String, Set<String>> MARKS = new ConcurrentHashMap<>();
  static final Map<String, Set<String>> HOOKS = new ConcurrentHashMap<>();

  private InterceptProbes() {
  }

  private static void record(Map<String, Set<String>> into, MessageContext context) {
    context.metadata(PROBE_ID).ifPresent(id -> into.computeIfAbsent(context.transport(), t -> ConcurrentHashMap.newKeySet()).add(id));
  }

  /** Wraps the answer in its name: the outermost name is outside. */
  abstract static class Wrap implements Interceptor {
    private final String name;

    Wrap(String name) {
      this.name = name;
    }

    @Override
    public Multi<?> intercept(JsonNode data, MessageContext context, CallHandler next) {
      return context.pattern().equals(ORDER) ? next.handle().onItem().transform(value -> name + "(" + value + ")") : next.handle();
    }
  }

  @Singleton
  public static class ControllerWrap extends Wrap {
    ControllerWrap() {
      super("controller");
    }
  }

  @Singleton
  public static class MethodWrap extends Wrap {
    MethodWrap() {
      super("method");
    }
  }

  @Singleton
  public static class SecondMethodWrap extends Wrap {
    SecondMethodWrap() {
      super("method2");
    }
  }

  @Singleton
  @GlobalInterceptor
  @IfBuildProperty(name = GLOBALS, stringValue = "true")
  public static class Global extends Wrap {
    Global() {
      super("global");
    }
  }

  /** Records every message's probe id, before any guard; answers by itself when asked to; wraps the order probe's answer. */
  @Singleton
  @IfBuildProperty(name = GLOBALS, stringValue = "true")
  public static class Hook implements PreRequestHook {
    private final Wrap wrap = new Wrap("hook") { };

    @Override
    public Multi<?> beforeRequest(JsonNode data, MessageContext context, CallHandler next) {
      record(HOOKS, context);
      if (context.metadata(HOOK_ANSWERS).isPresent()) {
        return Multi.createFrom().item("answered by the hook");
      }
      return wrap.intercept(data, context, next);
    }
  }

  @Singleton
  public static class PlusOne implements Interceptor {
    @Override
    public Multi<?> intercept(JsonNode data, MessageContext context, CallHandler next) {
      return next.handle().onItem().transform(value -> ((Number) value).intValue() + 1);
    }
  }

  @Singleton
  public static class Cached implements Interceptor {
    @Override
    public Multi<?> intercept(JsonNode data, MessageContext context, CallHandler next) {
      return Multi.createFrom().item("cached");
    }
  }

  @Singleton
  public static class ContextEcho implements Interceptor {
    @Override
    public Multi<?> intercept(JsonNode data, MessageContext context, CallHandler next) {
      return next.handle().onItem().transform(value -> Map.of("answer", value, "pattern", context.pattern(), "transport", context.transport(),
          "probeId", context.metadata(PROBE_ID).orElse(""), "question", data.path("question").asText()));
    }
  }

  @Singleton
  public static class Refusing implements Interceptor {
    @Override
    public Multi<?> intercept(JsonNode data, MessageContext context, CallHandler next) {
      throw RpcException.withStatus(409, "refused by an interceptor");
    }
  }

  /** Fails after the handler answered: its failure replaces the answer. */
  @Singleton
  public static class Breaking implements Interceptor {
    @Override
    public Multi<?> intercept(JsonNode data, MessageContext context, CallHandler next) {
      return next.handle().onItem().transform(value -> {
        throw new IllegalStateException("broken after the handler");
      });
    }
  }

  @Singleton
  public static class Tenfold implements Interceptor {
    @Override
    public Multi<?> intercept(JsonNode data, MessageContext context, CallHandler next) {
      return next.handle().onItem().transform(value -> ((Number) value).intValue() * 10);
    }
  }

  /** Marks an event once its handler is done. */
  @Singleton
  public static class EventMark implements Interceptor {
    @Override
    public Multi<?> intercept(JsonNode data, MessageContext context, CallHandler next) {
      return next.handle().onCompletion().invoke(() -> record(MARKS, context));
    }
  }

  @MessageController
  public static class InterceptHandlers {

    @NonBlockingHandler
    @UseInterceptors(PlusOne.class)
    @MessagePattern(CHANGED)
    public int changed(JsonNode data) {
      return 41;
    }

    @NonBlockingHandler
    @UseInterceptors(Cached.class)
    @MessagePattern(CACHED)
    public String cached(JsonNode data) {
      throw new IllegalStateException("the handler ran");
    }

    @NonBlockingHandler
    @UseInterceptors(ContextEcho.class)
    @MessagePattern(CONTEXT)
    public String context(JsonNode data) {
      return "handled";
    }

    @NonBlockingHandler
    @UseInterceptors(Refusing.class)
    @UseFilters(DataRequiredFilter.class)
    @MessagePattern(REFUSED)
    public String refused(JsonNode data) {
      return "handled";
    }

    @NonBlockingHandler
    @UseInterceptors(Breaking.class)
    @MessagePattern(BROKEN)
    public String broken(JsonNode data) {
      return "handled";
    }

    @UseInterceptors(Tenfold.class)
    @MessagePattern(STREAM)
    public Multi<Integer> stream(JsonNode data) {
      return Multi.createFrom().items(1, 2, 3);
    }

    @NonBlockingHandler
    @UseInterceptors(EventMark.class)
    @EventPattern(EVENT)
    public void event(JsonNode data) {
    }

    @NonBlockingHandler
    @MessagePattern(MARKED)
    public List<String> marked(JsonNode data, MessageContext context) {
      return List.copyOf(MARKS.getOrDefault(context.transport(), Set.of()));
    }

    @NonBlockingHandler
    @MessagePattern(HOOKED)
    public List<String> hooked(JsonNode data, MessageContext context) {
      return List.copyOf(HOOKS.getOrDefault(context.transport(), Set.of()));
    }
  }

  @MessageController
  @UseInterceptors(ControllerWrap.class)
  public static class InterceptOrder {

    @NonBlockingHandler
    @UseInterceptors({MethodWrap.class, SecondMethodWrap.class})
    @MessagePattern(ORDER)
    public String order(JsonNode data) {
      return "handler";
    }
  }
}
