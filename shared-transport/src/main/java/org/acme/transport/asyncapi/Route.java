package org.acme.transport.asyncapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import org.acme.transport.codec.NestCodec;
import org.acme.transport.handler.MessageContext;
import org.acme.transport.handler.MessageRouter;

/**
 * One route the router serves, with the types its handler reads and answers: the parameter that is not the
 * {@link MessageContext}, and the return type without its Uni, Multi (then a stream) or CompletionStage.
 */
record Route(String route, boolean event, String handler, Optional<Type> data, Optional<Type> result, boolean stream) {

  /** Where a route's payload schemas are in {@link PayloadSchemas.Schemas#roots()}. */
  record Keys(Optional<String> data, Optional<String> result) {
  }

  static List<Route> all(MessageRouter router) {
    List<Route> routes = new ArrayList<>();
    router.handlers().messageMethods().forEach((route, method) -> routes.add(of(route, false, method)));
    // several event handlers may share a route, and all run: the first one's payload type stands for the route's
    router.handlers().eventMethods().forEach((route, methods) -> routes.add(of(route, true, methods.get(0))));
    return routes;
  }

  static Map<Route, Keys> register(List<Route> routes, PayloadSchemas schemas) {
    Map<Route, Keys> keys = new LinkedHashMap<>();
    for (Route route : routes) {
      keys.put(route, new Keys(route.data.flatMap(schemas::add), route.result.flatMap(schemas::add)));
    }
    return keys;
  }

  /** The pattern as a peer sends it: the object for an object pattern, else the string. */
  JsonNode pattern() {
    if (route.startsWith("{")) {
      try {
        return NestCodec.json().readTree(route);
      } catch (java.io.IOException | RuntimeException e) {
        // not JSON after all: the string is the pattern
      }
    }
    return JsonNodeFactory.instance.textNode(route);
  }

  private static Route of(String route, boolean event, Method method) {
    Optional<Type> data = Arrays.stream(method.getGenericParameterTypes()).filter(t -> t != MessageContext.class).findFirst();
    Type returns = method.getGenericReturnType();
    Class<?> raw = returns instanceof ParameterizedType p ? (Class<?>) p.getRawType() : (Class<?>) returns;
    boolean wrapped = Uni.class.isAssignableFrom(raw) || Multi.class.isAssignableFrom(raw) || CompletionStage.class.isAssignableFrom(raw);
    Type result = wrapped && returns instanceof ParameterizedType p ? p.getActualTypeArguments()[0] : wrapped ? Object.class : returns;
    String handler = method.getDeclaringClass().getSimpleName() + "#" + method.getName();
    return new Route(route, event, handler, data, event ? Optional.empty() : Optional.of(result), Multi.class.isAssignableFrom(raw));
  }
}
