package org.acme.transport.handler;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The per-pattern transport options of the handlers ({@link MessagePattern#qos()}, {@link MessagePattern#queue()}, and
 * the same on {@link EventPattern}), by route. Several handlers of one route must agree: a route has one subscription,
 * so two that ask for different ones are refused at start-up, naming both.
 */
final class RouteOptions {

  private record Options(int qos, String queue, String declaredBy) {
  }

  private final Map<String, Options> byRoute = new HashMap<>();

  void add(String route, int qos, String queue, String declaredBy) {
    if (qos < -1 || qos > 2) {
      throw new IllegalStateException(declaredBy + ": qos " + qos + " on " + route + " is not an MQTT QoS (0, 1 or 2)");
    }
    if (qos < 0 && queue.isEmpty()) {
      return;
    }
    Options given = new Options(qos, queue, declaredBy);
    Options before = byRoute.putIfAbsent(route, given);
    if (before != null && (before.qos() != qos || !before.queue().equals(queue))) {
      throw new IllegalStateException(route + " has two handlers that ask for different qos/queue: " + before.declaredBy()
          + " (qos " + before.qos() + ", queue '" + before.queue() + "') and " + declaredBy + " (qos " + qos + ", queue '" + queue + "')");
    }
  }

  Optional<Integer> qos(String route) {
    Options options = byRoute.get(route);
    return options == null || options.qos() < 0 ? Optional.empty() : Optional.of(options.qos());
  }

  Optional<String> queue(String route) {
    Options options = byRoute.get(route);
    return options == null || options.queue().isEmpty() ? Optional.empty() : Optional.of(options.queue());
  }
}
