package org.acme.transport.handler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.opentelemetry.context.Context;
import io.smallrye.mutiny.Multi;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.acme.transport.codec.NestCodec;
import org.junit.jupiter.api.Test;

/** A handler method with interceptors: where its guards run among them, and which path it is answered on. */
class HandlerMethodInterceptionTests {

  private static final MessageContext CONTEXT = new MessageContext("probe", "redis", Map.of(), Map.of(), null);
  private static final JsonNode DATA = NestCodec.json().createObjectNode();

  private final List<String> steps = new CopyOnWriteArrayList<>();

  public static class Probe {
    @NonBlockingHandler
    public String plain(JsonNode data) {
      return "plain";
    }

    public String blocking(JsonNode data) {
      return Thread.currentThread().getName();
    }

    @NonBlockingHandler
    public String greeting(JsonNode data) {
      return "hello " + data.path("name").asText();
    }
  }

  private static HandlerMethod handler(String name, List<Guard> guards, InterceptorChain chain) throws NoSuchMethodException {
    return new HandlerMethod(new Probe(), Probe.class.getMethod(name, JsonNode.class), guards, List.of(), chain, NestCodec.json(), null);
  }

  private static List<Object> answer(HandlerMethod handler) {
    return answer(handler, DATA);
  }

  private static List<Object> answer(HandlerMethod handler, JsonNode data) {
    return handler.invoke(data, CONTEXT, Context.root()).collect().asList().await().atMost(Duration.ofSeconds(5));
  }

  private final Interceptor exclaiming = (data, context, next) -> {
    steps.add("interceptor");
    return next.handle().onItem().transform(value -> value + "!");
  };

  @Test
  void aPlainHandlerWithNothingAroundItIsAnsweredInPlace() throws Exception {
    assertThat(handler("plain", List.of(), InterceptorChain.NONE).immediate()).isTrue();
  }

  /** The in-place answer would skip them: a handler with interceptors, or under a hook, takes the stream path. */
  @Test
  void aPlainHandlerWithAnInterceptorOrAHookIsNotAnsweredInPlace() throws Exception {
    assertThat(handler("plain", List.of(), new InterceptorChain(List.of(), List.of(exclaiming))).immediate()).isFalse();
    assertThat(handler("plain", List.of(), new InterceptorChain(List.of((data, context, next) -> next.handle()), List.of())).immediate()).isFalse();
  }

  @Test
  void theInterceptorChangesTheHandlersAnswer() throws Exception {
    assertThat(answer(handler("plain", List.of(), new InterceptorChain(List.of(), List.of(exclaiming))))).containsExactly("plain!");
  }

  @Test
  void theGuardsRunAfterTheHooksAndBeforeTheInterceptors() throws Exception {
    PreRequestHook hook = (data, context, next) -> {
      steps.add("hook");
      return next.handle();
    };
    Guard refusing = (data, context) -> {
      steps.add("guard");
      return false;
    };
    HandlerMethod handler = handler("plain", List.of(refusing), new InterceptorChain(List.of(hook), List.of(exclaiming)));
    assertThatThrownBy(() -> answer(handler)).isInstanceOf(RpcException.class).hasMessageContaining(HandlerMethod.FORBIDDEN);
    assertThat(steps).containsExactly("hook", "guard");
  }

  @Test
  void aBlockingHandlerStillRunsOnAWorkerWithInterceptorsAroundIt() throws Exception {
    Object thread = answer(handler("blocking", List.of(), new InterceptorChain(List.of(), List.of((data, context, next) -> next.handle())))).get(0);
    assertThat(thread.toString()).isNotEqualTo(Thread.currentThread().getName());
  }

  /** Nest's getData(): hooks and interceptors read the payload as it came, and a change made on the way in reaches the handler. */
  @Test
  void hooksAndInterceptorsReadThePayloadAndMayChangeIt() throws Exception {
    PreRequestHook reading = (data, context, next) -> {
      steps.add("hook saw " + data.path("name").asText());
      return next.handle();
    };
    Interceptor renaming = (data, context, next) -> {
      steps.add("interceptor saw " + data.path("name").asText());
      ((com.fasterxml.jackson.databind.node.ObjectNode) data).put("name", data.path("name").asText().toUpperCase());
      return next.handle();
    };
    HandlerMethod handler = handler("greeting", List.of(), new InterceptorChain(List.of(reading), List.of(renaming)));
    assertThat(answer(handler, NestCodec.json().createObjectNode().put("name", "ada"))).containsExactly("hello ADA");
    assertThat(steps).containsExactly("hook saw ada", "interceptor saw ada");
  }
}
