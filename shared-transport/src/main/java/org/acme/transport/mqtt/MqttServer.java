package org.acme.transport.mqtt;

import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.mqtt.messages.MqttPublishMessage;
import jakarta.annotation.Priority;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.acme.transport.Transport;
import org.acme.transport.config.ServerConfig;
import org.acme.transport.handler.ChannelDispatch;
import org.acme.transport.handler.Drain;
import org.acme.transport.handler.MessageRouter;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Nest's MQTT transport, server side: one topic per route, replies on {@code <actual topic>/reply} with the
 * request's id. The subscriptions are at {@code nest.server.mqtt.qos} (default 1, where Nest uses 0); a reply goes at
 * the QoS its request arrived with, so never above that. The subscriptions live in {@link MqttLink}, which makes them
 * again after every reconnect.
 * <p>
 * Why not always QoS 1 for replies: Nest's client sends at QoS 0 and takes replies at QoS 0, so a QoS 1 reply bought
 * nothing past the broker, and the broker's PUBACK cost 40 ms a request. Mosquitto writes without TCP_NODELAY: its
 * next request to us waited behind that 4-byte PUBACK until our delayed ACK (strace: 42 ms between the broker writing
 * a request and our read of it; 21 requests/s at one in flight, 1,900/s at 64).
 * <p>
 * Instances share the work through MQTT shared subscriptions ({@code $share/<group>/<route>}, the group
 * {@code nest.server.mqtt.group}, default the application name): the broker hands each request to one of them, where
 * Nest, unless its user writes the prefix into every pattern, has every instance answer. Events are shared too unless
 * {@code nest.server.mqtt.shared-events=false}. A pattern that already starts with {@code $share/} names its own
 * group, as in Nest; {@code @MessagePattern(qos = ...)} sets one route's QoS, as Nest 11's {@code {qos}} extra.
 * Patterns may hold MQTT wildcards ({@code sensors/+/temp}, {@code sensors/#}): the handler is the pattern's, the
 * reply goes to the actual topic's reply topic, as in Nest; a wildcard never takes a topic ending in {@code /reply}.
 * <p>
 * As on Redis, anything that is not an envelope is not quietly run as an event: text that is not JSON is logged
 * and dropped, a body with an id but no envelope gets an error reply, and bare JSON only reaches an event handler.
 */
@Singleton
public class MqttServer {

  private static final long STARTUP_WAIT_MS = 5000;
  /** How long unsubscribing may take on SIGTERM; a broker that does not answer does not hold the drain up for longer. */
  private static final Duration STOP_WAIT = Duration.ofSeconds(2);

  private final MqttServerConfig mqtt;
  private final ServerConfig config;
  private final MqttLink link;
  private final MessageRouter router;
  private final ChannelDispatch dispatch;
  private final String applicationName;
  private final List<String> filters = new CopyOnWriteArrayList<>();

  MqttServer(MqttServerConfig mqtt, ServerConfig config, MqttLink link, MessageRouter router,
      @ConfigProperty(name = "quarkus.application.name", defaultValue = "nest-service") String applicationName) {
    this.mqtt = mqtt;
    this.config = config;
    this.link = link;
    this.router = router;
    this.dispatch = new ChannelDispatch(router, config.metadata().limits(), Logger.getLogger(MqttServer.class));
    this.applicationName = applicationName;
  }

  // after BrokerLinks (priority 2500) has started the link
  void onStart(@Observes @Priority(3000) StartupEvent event) {
    if (!mqtt.enabled()) {
      return;
    }
    awaitLink();
    String group = group();
    for (String route : router.handlers().allRoutes()) {
      String filter = filter(route, group);
      int qos = router.handlers().qos(route).orElse(mqtt.qos());
      filters.add(filter);
      link.subscribe(filter, qos, message -> onMessage(route, message)).subscribe().with(ok -> {
      }, e -> Log.warnf("MQTT: subscribing to %s failed: %s (retried on reconnect)", filter, e.getMessage()));
    }
    Log.infof("Nest MQTT server subscribed to %d topics at %s (QoS %d, %s)", router.handlers().allRoutes().size(), link.address(),
        mqtt.qos(), mqtt.shared() ? "shared in group " + group : "not shared");
  }

  /** SIGTERM: unsubscribed, so no new messages come; the link stays open for the replies of the handlers running. */
  void onStopTaking(@Observes @Priority(Drain.STOP_TAKING) ShutdownEvent event) {
    if (filters.isEmpty()) {
      return;
    }
    try {
      Uni.join().all(filters.stream().map(link::unsubscribe).toList()).andCollectFailures().await().atMost(STOP_WAIT);
    } catch (RuntimeException e) {
      Log.warnf("Nest MQTT server: not unsubscribed within %s: %s", STOP_WAIT, e.toString());
    }
  }

  private String group() {
    String group = mqtt.group().orElse(applicationName);
    if (group.isEmpty() || group.contains("/") || group.contains("+") || group.contains("#")) {
      throw new IllegalStateException("nest.server.mqtt.group '" + group + "' is not an MQTT share name (not empty; no /, + or #)");
    }
    return group;
  }

  /** The route as a shared subscription of the group, unless it names its own or is an event the instances do not share. */
  private String filter(String route, String group) {
    boolean eventOnly = router.handlers().hasEventHandler(route) && !router.handlers().hasMessageHandler(route);
    if (route.startsWith(MqttTopics.SHARE_PREFIX) || !mqtt.shared() || eventOnly && !mqtt.sharedEvents()) {
      return route;
    }
    return MqttTopics.SHARE_PREFIX + group + "/" + route;
  }

  /** A request sent right after start-up should find us subscribed; a broker that is down does not stop the service. */
  private void awaitLink() {
    long deadline = System.currentTimeMillis() + STARTUP_WAIT_MS;
    while (!link.connected() && System.currentTimeMillis() < deadline) {
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
    if (!link.connected()) {
      Log.warnf("Nest MQTT server: %s is not reachable yet; subscribing as soon as it is", link.address());
    }
  }

  /** A message of the route's subscription: handled by the route's handlers, answered on its own topic's reply topic. */
  private void onMessage(String route, MqttPublishMessage message) {
    String topic = message.topicName();
    if (topic.endsWith("/reply") && MqttTopics.isWildcard(route)) {
      // a reply (ours or anyone's) that a wildcard pattern also matches: taken as a request, its answer would go to
      // <topic>/reply, which the pattern matches again, without end
      return;
    }
    if (router.tooLarge(Transport.MQTT.tag(), topic, message.payload().length())) {
      // not read, so no id to answer by: dropped (NATS, where the sender has a reply subject, answers a 413)
      return;
    }
    dispatch.dispatch(new MqttDelivery(route, message, link), message.payload().toString(StandardCharsets.UTF_8));
  }
}
