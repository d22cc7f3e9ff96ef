package org.acme.transport.handler;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.arc.Arc;
import io.quarkus.logging.Log;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.spi.Bean;
import jakarta.inject.Singleton;
import jakarta.validation.Validator;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.acme.transport.codec.PatternRoutes;

/**
 * Which handlers this service has, by route: the {@link MessageController} beans' {@link MessagePattern} and
 * {@link EventPattern} methods, each with its guards, filters and interceptors, found once at start-up. What a server
 * subscribes to and what {@link MessageRouter} runs a message through; read-only once built.
 */
@Singleton
public class HandlerCatalogue {

  private final Map<String, HandlerMethod> messages = new TreeMap<>();
  private final Map<String, List<HandlerMethod>> events = new TreeMap<>();
  private final RouteOptions routeOptions = new RouteOptions();

  // Injected as Instance so that Quarkus keeps every guard and filter bean, though only annotations name them.
  private final Instance<Guard> guardBeans;
  private final Instance<RpcExceptionFilter> filterBeans;

  HandlerCatalogue(ObjectMapper json, Validator validator, @Any Instance<Guard> guardBeans,
      @Any Instance<RpcExceptionFilter> filterBeans, Interceptors interceptors) {
    this.guardBeans = guardBeans;
    this.filterBeans = filterBeans;
    var container = Arc.container();
    for (Bean<?> bean : container.beanManager().getBeans(Object.class, Any.Literal.INSTANCE)) {
      Class<?> type = bean.getBeanClass();
      if (!type.isAnnotationPresent(MessageController.class)) {
        continue;
      }
      Object instance = container.instance(bean.getName()).get();
      for (Method method : type.getDeclaredMethods()) {
        MessagePattern message = method.getAnnotation(MessagePattern.class);
        EventPattern event = method.getAnnotation(EventPattern.class);
        if (message == null && event == null) {
          continue;
        }
        HandlerMethod handler = new HandlerMethod(instance, method, guards(type, method), filters(type, method),
            interceptors.around(type, method), json, validator);
        if (message != null) {
          Arrays.stream(message.value()).map(PatternRoutes::route).forEach(route -> {
            messages.put(route, handler);
            routeOptions.add(route, message.qos(), message.queue(), handler.describe());
          });
        }
        if (event != null) {
          Arrays.stream(event.value()).map(PatternRoutes::route).forEach(route -> {
            events.computeIfAbsent(route, r -> new ArrayList<>()).add(handler);
            routeOptions.add(route, event.qos(), event.queue(), handler.describe());
          });
        }
      }
    }
    Log.infof("Message patterns: %s; event patterns: %s", messages.keySet(), events.keySet());
  }

  private List<Guard> guards(Class<?> type, Method method) {
    List<Guard> found = new ArrayList<>();
    for (UseGuards use : new UseGuards[] {type.getAnnotation(UseGuards.class), method.getAnnotation(UseGuards.class)}) {
      if (use != null) {
        Arrays.stream(use.value()).map(c -> guardBeans.select(c).get()).forEach(found::add);
      }
    }
    for (Roles roles : new Roles[] {type.getAnnotation(Roles.class), method.getAnnotation(Roles.class)}) {
      if (roles != null) {
        found.add(new RolesGuard(roles));
      }
    }
    return found;
  }

  private List<RpcExceptionFilter> filters(Class<?> type, Method method) {
    List<RpcExceptionFilter> found = new ArrayList<>();
    // the method's filters come first: the closest scope wins, as in Nest
    for (UseFilters use : new UseFilters[] {method.getAnnotation(UseFilters.class), type.getAnnotation(UseFilters.class)}) {
      if (use != null) {
        Arrays.stream(use.value()).map(c -> filterBeans.select(c).get()).forEach(found::add);
      }
    }
    return found;
  }

  /** The handler that answers a request route, or null. */
  HandlerMethod message(String route) {
    return messages.get(route);
  }

  /** The handlers of an event route, or null. */
  List<HandlerMethod> events(String route) {
    return events.get(route);
  }

  /** Routes that answer requests. */
  public Set<String> messageRoutes() {
    return messages.keySet();
  }

  /** Routes with event handlers. */
  public Set<String> eventRoutes() {
    return events.keySet();
  }

  /** Every route a channel-based server must subscribe to. */
  public Set<String> allRoutes() {
    Set<String> all = new LinkedHashSet<>(messages.keySet());
    all.addAll(events.keySet());
    return all;
  }

  /**
   * The method that answers each request route, read-only: what a description of this service (its AsyncAPI document)
   * takes the payload and answer types from.
   */
  public Map<String, Method> messageMethods() {
    Map<String, Method> methods = new TreeMap<>();
    messages.forEach((route, handler) -> methods.put(route, handler.method()));
    return Collections.unmodifiableMap(methods);
  }

  /** The methods that handle each event route, read-only; see {@link #messageMethods()}. */
  public Map<String, List<Method>> eventMethods() {
    Map<String, List<Method>> methods = new TreeMap<>();
    events.forEach((route, handlers) -> methods.put(route, handlers.stream().map(HandlerMethod::method).toList()));
    return Collections.unmodifiableMap(methods);
  }

  /** The MQTT subscription QoS the route's handlers ask for ({@code @MessagePattern(qos = ...)}), if any. */
  public Optional<Integer> qos(String route) {
    return routeOptions.qos(route);
  }

  /** The NATS queue group the route's handlers ask for ({@code @MessagePattern(queue = ...)}), if any. */
  public Optional<String> queue(String route) {
    return routeOptions.queue(route);
  }

  public boolean hasMessageHandler(String route) {
    return messages.containsKey(route);
  }

  public boolean hasEventHandler(String route) {
    return events.containsKey(route);
  }
}
