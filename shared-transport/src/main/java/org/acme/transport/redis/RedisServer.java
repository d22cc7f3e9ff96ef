package org.acme.transport.redis;

import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import jakarta.annotation.Priority;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.Set;
import java.util.stream.Collectors;
import org.acme.transport.Transport;
import org.acme.transport.config.BrokersConfig;
import org.acme.transport.config.ServerConfig;
import org.acme.transport.handler.ChannelDispatch;
import org.acme.transport.handler.Drain;
import org.acme.transport.handler.MessageRouter;
import org.jboss.logging.Logger;

/**
 * Nest's Redis transport, server side: one channel per route, handlers looked up by the channel (not the body's
 * pattern, as Nest does), replies published on {@code <channel>.reply} with the request's id. Every instance
 * subscribed to a channel answers, as in Nest: plain pub/sub has no queue group. With {@code nest.server.redis.wildcards}
 * (Nest's {@code wildcards}), a route holding a glob is a pattern subscription, answered on the actual channel's
 * {@code .reply}; a glob never takes a channel ending in {@code .reply}.
 * <p>
 * Nest hands anything that is not a {@code {pattern,data,id}} envelope to the channel's handler as an event with
 * raw data. This server is stricter where that would hide a mistake: text that is not JSON is logged and dropped,
 * a body with an id but no envelope gets an error reply, and bare JSON only reaches a channel with an event
 * handler (a foreign publisher's event).
 */
@Singleton
public class RedisServer {

  private static final Duration STARTUP_WAIT = Duration.ofSeconds(5);

  private final RedisServerConfig redis;
  private final ServerConfig config;
  private final BrokersConfig brokers;
  private final RedisLink link;
  private final Vertx vertx;
  private final MessageRouter router;
  private final ChannelDispatch dispatch;
  private RedisPublisher publisher;
  private RedisSubscriber subscriber;

  RedisServer(RedisServerConfig redis, ServerConfig config, BrokersConfig brokers, RedisLink link, Vertx vertx, MessageRouter router) {
    this.redis = redis;
    this.config = config;
    this.brokers = brokers;
    this.link = link;
    this.vertx = vertx;
    this.router = router;
    this.dispatch = new ChannelDispatch(router, config.metadata().limits(), Logger.getLogger(RedisServer.class));
  }

  void onStart(@Observes StartupEvent event) {
    if (!redis.enabled()) {
      return;
    }
    Set<String> routes = router.handlers().allRoutes();
    publisher = new RedisPublisher(link.dataSource().getRedis(), link.address());
    subscriber = new RedisSubscriber(link.dataSource().getRedis(), vertx, brokers.reconnectDelay(), "server", this::onMessage);
    boolean wildcards = redis.wildcards();
    Set<String> globs = routes.stream().filter(route -> wildcards && isGlob(route)).collect(Collectors.toSet());
    Set<String> channels = routes.stream().filter(route -> !globs.contains(route)).collect(Collectors.toSet());
    try {
      // wait briefly so that a request sent right after start-up finds us subscribed; a Redis that is down
      // does not stop the service, the subscriber keeps trying
      Uni.join().all(subscriber.subscribe(channels), subscriber.psubscribe(globs)).andFailFast().await().atMost(STARTUP_WAIT);
      Log.infof("Nest Redis server subscribed to %d channels and %d patterns at %s", channels.size(), globs.size(), link.address());
    } catch (RuntimeException e) {
      Log.warnf("Nest Redis server: not subscribed yet (%s); it will subscribe when Redis at %s answers", e.getMessage(), link.address());
    }
  }

  private static boolean isGlob(String route) {
    return route.indexOf('*') >= 0 || route.indexOf('?') >= 0;
  }

  /** A message on a channel, come in under its route: the channel itself, or the glob pattern that matched it. */
  private void onMessage(String route, String channel, String payload) {
    if (!route.equals(channel) && channel.endsWith(".reply")) {
      // a reply that a glob also matches: taken as a request, its answer would go to <channel>.reply, matched again
      return;
    }
    if (payload != null && router.tooLarge(Transport.REDIS.tag(), channel, payload.length())) {
      // not read, so no id to answer by: dropped (NATS, where the sender has a reply subject, answers a 413)
      return;
    }
    dispatch.dispatch(new RedisDelivery(route, channel, payload, publisher), payload);
  }

  /** SIGTERM: unsubscribed, so no new messages come; the publisher stays for the replies of the handlers running. */
  void onStopTaking(@Observes @Priority(Drain.STOP_TAKING) ShutdownEvent event) {
    if (subscriber != null) {
      subscriber.close();
    }
  }

  void onStop(@Observes @Priority(Drain.CLOSE) ShutdownEvent event) {
    if (publisher != null) {
      publisher.close();
    }
  }
}
