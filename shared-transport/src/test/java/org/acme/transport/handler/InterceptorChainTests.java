package org.acme.transport.handler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.smallrye.mutiny.Multi;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.acme.transport.codec.NestCodec;
import org.junit.jupiter.api.Test;

/** The order Nest runs enhancers in, and what a step that answers, refuses or throws does to the steps after it. */
class InterceptorChainTests {

  private static final MessageContext CONTEXT = new MessageContext("probe", "tcp", Map.of("x-request-id", "r-1"), Map.of(), null);
  private static final JsonNode DATA = NestCodec.json().createObjectNode().put("a", 1);
  private static final Duration WAIT = Duration.ofSeconds(5);

  private final List<String> steps = new CopyOnWriteArrayList<>();

  /** Records its name on the way in and out, and wraps the answer in it: the outer one's name is outside. */
  private Interceptor wrapping(String name) {
    return (data, context, next) -> {
      steps.add(name);
      return next.handle().onItem().transform(value -> name + "(" + value + ")").onTermination().invoke(() -> steps.add("/" + name));
    };
  }

  private PreRequestHook hook(String name) {
    Interceptor wrapping = wrapping(name);
    return wrapping::intercept;
  }

  private final Runnable guards = () -> steps.add("guards");

  private final CallHandler handler = () -> {
    steps.add("handler");
    return Multi.createFrom().item("handler");
  };

  private List<Object> answer(InterceptorChain chain, Runnable guards, CallHandler handler) {
    return chain.run(DATA, CONTEXT, guards, handler).collect().asList().await().atMost(WAIT);
  }

  @Test
  void hooksThenGuardsThenInterceptorsThenTheHandlerAndBackOutInReverse() {
    InterceptorChain chain = new InterceptorChain(List.of(hook("h1"), hook("h2")), List.of(wrapping("global"), wrapping("method")));
    assertThat(answer(chain, guards, handler)).containsExactly("h1(h2(global(method(handler))))");
    assertThat(steps).containsExactly("h1", "h2", "guards", "global", "method", "handler", "/method", "/global", "/h2", "/h1");
  }

  @Test
  void nothingRunsUntilTheAnswerIsSubscribed() {
    Multi<Object> answer = new InterceptorChain(List.of(hook("h")), List.of(wrapping("i"))).run(DATA, CONTEXT, guards, handler);
    assertThat(steps).isEmpty();
    assertThat(answer.collect().asList().await().atMost(WAIT)).containsExactly("h(i(handler))");
  }

  @Test
  void anInterceptorThatAnswersItselfSkipsTheInnerOnesAndTheHandler() {
    Interceptor cached = (data, context, next) -> Multi.createFrom().item("cached");
    InterceptorChain chain = new InterceptorChain(List.of(), List.of(wrapping("outer"), cached, wrapping("inner")));
    assertThat(answer(chain, guards, handler)).containsExactly("outer(cached)");
    assertThat(steps).containsExactly("guards", "outer", "/outer");
  }

  @Test
  void aHookRunsBeforeTheGuardsAndSeesTheirRefusal() {
    Runnable refusing = () -> {
      throw RpcException.withStatus(403, HandlerMethod.FORBIDDEN);
    };
    InterceptorChain chain = new InterceptorChain(List.of(hook("h")), List.of(wrapping("i")));
    assertThatThrownBy(() -> answer(chain, refusing, handler)).isInstanceOf(RpcException.class).hasMessageContaining("Forbidden resource");
    assertThat(steps).containsExactly("h", "/h");
  }

  @Test
  void aHookThatAnswersItselfSkipsTheGuards() {
    PreRequestHook answering = (data, context, next) -> Multi.createFrom().item("hook");
    assertThat(answer(new InterceptorChain(List.of(answering), List.of(wrapping("i"))), guards, handler)).containsExactly("hook");
    assertThat(steps).isEmpty();
  }

  @Test
  void whatAnInterceptorThrowsIsTheAnswersFailureNotTheCallers() {
    Interceptor throwing = (data, context, next) -> {
      throw new IllegalStateException("interceptor broke");
    };
    Multi<Object> answer = new InterceptorChain(List.of(), List.of(wrapping("outer"), throwing)).run(DATA, CONTEXT, guards, handler);
    assertThatThrownBy(() -> answer.collect().asList().await().atMost(WAIT)).isInstanceOf(IllegalStateException.class).hasMessage("interceptor broke");
    assertThat(steps).containsExactly("guards", "outer", "/outer");
  }

  @Test
  void everyValueOfAStreamPassesThroughTheInterceptors() {
    CallHandler stream = () -> Multi.createFrom().items(1, 2, 3);
    Interceptor tenfold = (data, context, next) -> next.handle().onItem().transform(value -> (Integer) value * 10);
    assertThat(answer(new InterceptorChain(List.of(), List.of(tenfold)), guards, stream)).containsExactly(10, 20, 30);
  }

  @Test
  void theDataAndTheContextAreTheMessages() {
    Interceptor echo = (data, context, next) -> Multi.createFrom().item(context.pattern() + "/" + context.transport() + "/"
        + context.metadata("x-request-id").orElseThrow() + "/" + data.path("a").asInt());
    assertThat(answer(new InterceptorChain(List.of(), List.of(echo)), guards, handler)).containsExactly("probe/tcp/r-1/1");
  }
}
