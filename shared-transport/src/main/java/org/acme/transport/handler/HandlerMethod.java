package org.acme.transport.handler;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;

import io.opentelemetry.context.Context;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import jakarta.validation.constraints.NotNull;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Type;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import org.acme.transport.codec.NestError;
import org.acme.transport.tracing.TraceScope;

/** One handler method, ready to call: payload conversion and validation, guards, invocation, result as a stream. */
final class HandlerMethod {

  static final String FORBIDDEN = "Forbidden resource";
  private static final int MAX_REASON = 300;

  private final Object bean;
  private final Method method;
  private final Type payloadType;
  /** Reads the payload tree as the parameter's type; built once, as looking the type up per call showed in JFR. */
  private final ObjectReader payloadReader;
  /** {@code @NotNull} on the payload parameter: no data (null, or none at all) is the caller's mistake, a 400. */
  private final boolean payloadRequired;
  private final int payloadIndex;
  private final int contextIndex;
  private final List<Guard> guards;
  final List<RpcExceptionFilter> filters;
  /** The hooks and interceptors around the call; {@link InterceptorChain#NONE} keeps the plain path. */
  private final InterceptorChain chain;
  private final boolean blocking;
  /** Non-blocking and returns a plain value: it can be answered in place, without a reactive pipeline. */
  private final boolean immediate;
  private final ObjectMapper json;
  private final Validator validator;

  HandlerMethod(Object bean, Method method, List<Guard> guards, List<RpcExceptionFilter> filters, InterceptorChain chain, ObjectMapper json,
      Validator validator) {
    this.bean = bean;
    this.chain = chain;
    this.method = method;
    this.guards = guards;
    this.filters = filters;
    this.json = json;
    this.validator = validator;
    int payload = -1;
    int context = -1;
    Class<?>[] types = method.getParameterTypes();
    for (int i = 0; i < types.length; i++) {
      if (types[i] == MessageContext.class) {
        context = i;
      } else if (payload < 0) {
        payload = i;
      } else {
        throw new IllegalStateException(method + ": a handler takes the payload and optionally a MessageContext, nothing else");
      }
    }
    this.payloadIndex = payload;
    this.contextIndex = context;
    this.payloadType = payload < 0 ? null : method.getGenericParameterTypes()[payload];
    this.payloadReader = payload < 0 ? null : json.readerFor(json.constructType(payloadType));
    this.payloadRequired = payload >= 0 && method.getParameters()[payload].isAnnotationPresent(NotNull.class);
    Class<?> returns = method.getReturnType();
    boolean async = Uni.class.isAssignableFrom(returns) || Multi.class.isAssignableFrom(returns) || CompletionStage.class.isAssignableFrom(returns);
    this.blocking = !async && !method.isAnnotationPresent(NonBlockingHandler.class);
    // an interceptor answers with a stream, and may wait: a handler with any goes the reactive way
    this.immediate = !async && !blocking && chain.isEmpty();
    method.setAccessible(true);
  }

  String describe() {
    return method.getDeclaringClass().getSimpleName() + "#" + method.getName();
  }

  Method method() {
    return method;
  }

  boolean immediate() {
    return immediate;
  }

  /**
   * For an {@link #immediate()} handler: guards, payload, the call, on this thread with the message's span current;
   * its value, or what it threw.
   */
  Object callNow(JsonNode data, MessageContext context, Context trace) {
    return TraceScope.call(trace, () -> call(data, context));
  }

  /**
   * Runs hooks, guards and interceptors, converts and validates the payload, calls the method: the results, or the
   * failure, as a stream. The method runs, and its result is subscribed, with the message's span current (on whichever
   * thread that is), so that the calls it makes, and the interceptors' log lines, are that span's.
   */
  Multi<Object> invoke(JsonNode data, MessageContext context, Context trace) {
    Uni<Multi<Object>> call = Uni.createFrom().item(() -> TraceScope.call(trace, () -> intercepted(data, context, trace)
        .runSubscriptionOn(TraceScope.executor(trace))));
    if (blocking) {
      call = call.runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
    }
    return call.onItem().transformToMulti(m -> m);
  }

  /**
   * The call with its hooks and interceptors around it; without any, the call made at once, as before they existed.
   * Subscribed with the message's span current, on a worker for a blocking handler (see {@link #invoke}).
   */
  private Multi<Object> intercepted(JsonNode data, MessageContext context, Context trace) {
    if (chain.isEmpty()) {
      return toMulti(call(data, context));
    }
    return chain.run(data, context, () -> checkGuards(data, context), () -> onItsThread(Multi.createFrom().deferred(() -> toMulti(callMethod(data, context))), trace));
  }

  /**
   * A blocking handler's call, back on a worker with the span current when an interceptor went on from a thread that
   * must not block (the event loop a reply it waited for came back on); on the worker it started on, as it is.
   */
  private Multi<Object> onItsThread(Multi<Object> call, Context trace) {
    if (!blocking) {
      return call;
    }
    return Multi.createFrom().deferred(() -> Infrastructure.canCallerThreadBeBlocked() ? call
        : call.runSubscriptionOn(TraceScope.executor(trace)).runSubscriptionOn(Infrastructure.getDefaultWorkerPool()));
  }

  private Object call(JsonNode data, MessageContext context) {
    checkGuards(data, context);
    return callMethod(data, context);
  }

  private void checkGuards(JsonNode data, MessageContext context) {
    for (Guard guard : guards) {
      if (!guard.canActivate(data, context)) {
        throw RpcException.withStatus(403, FORBIDDEN);
      }
    }
  }

  private Object callMethod(JsonNode data, MessageContext context) {
    Object[] args = new Object[method.getParameterCount()];
    if (payloadIndex >= 0) {
      args[payloadIndex] = payload(data);
    }
    if (contextIndex >= 0) {
      args[contextIndex] = context;
    }
    try {
      return method.invoke(bean, args);
    } catch (InvocationTargetException e) {
      throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
    } catch (IllegalAccessException e) {
      throw new IllegalStateException(e);
    }
  }

  private Object payload(JsonNode data) {
    if (payloadType == JsonNode.class) {
      return data;
    }
    Object value;
    try {
      value = payloadReader.readValue(data);
    } catch (IOException | IllegalArgumentException e) {
      throw invalid("Invalid payload: " + rootMessage(e), List.of());
    }
    if (value == null && payloadRequired) {
      // before the method runs: a handler that reads a field of a missing request would fail as an internal error
      throw invalid("Invalid payload: data is required", List.of());
    }
    if (value != null && !(value instanceof JsonNode)) {
      Set<ConstraintViolation<Object>> violations = validator.validate(value);
      if (!violations.isEmpty()) {
        List<NestError.FieldError> errors = violations.stream()
            .map(v -> new NestError.FieldError(v.getPropertyPath().toString(), v.getMessage()))
            .toList();
        throw invalid("Validation failed", errors);
      }
    }
    return value;
  }

  /** A caller's mistake: an RpcException with an object error a gateway can map to 400. */
  private static RpcException invalid(String message, List<NestError.FieldError> errors) {
    return new RpcException(NestError.invalid(message, errors));
  }

  /**
   * The first line of the root cause, at most {@value #MAX_REASON} characters: Jackson quotes the value it could not
   * bind, whole, and a reply that echoes a megabyte string would be larger than the caller may read (or the transport
   * carry), turning a 400 into a timeout.
   */
  private static String rootMessage(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null) {
      root = root.getCause();
    }
    String message = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    int newline = message.indexOf('\n');
    String line = newline > 0 ? message.substring(0, newline) : message;
    return line.length() <= MAX_REASON ? line : line.substring(0, MAX_REASON) + "…";
  }

  @SuppressWarnings("unchecked")
  private static Multi<Object> toMulti(Object result) {
    if (result instanceof Multi<?> multi) {
      return (Multi<Object>) multi;
    }
    if (result instanceof Uni<?> uni) {
      return ((Uni<Object>) uni).toMulti();
    }
    if (result instanceof CompletionStage<?> stage) {
      return Uni.createFrom().completionStage((CompletionStage<Object>) stage).toMulti();
    }
    return result == null ? Multi.createFrom().empty() : Multi.createFrom().item(result);
  }
}
