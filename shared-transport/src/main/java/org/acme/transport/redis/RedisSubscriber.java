package org.acme.transport.redis;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.RedisConnection;
import io.vertx.mutiny.redis.client.Request;
import io.vertx.mutiny.redis.client.Response;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CompletableFuture;
import org.acme.transport.Transport;
import org.acme.transport.broker.BrokerUnavailableException;

/**
 * A dedicated Redis pub/sub connection that keeps its channels. The Quarkus subscriber API ends for good when its
 * connection drops, and a subscriber that silently stops listening would turn every later request into a
 * timeout; so this one reconnects after a delay and subscribes to every channel again, for as long as it lives.
 * Besides channels it keeps glob patterns (PSUBSCRIBE), for a server's wildcard routes.
 */
final class RedisSubscriber {

  /** A message: the route it came in under (the channel, or the glob pattern that matched it), its channel, its payload. */
  @FunctionalInterface
  interface Listener {
    void accept(String route, String channel, String payload);
  }

  /** A channel (SUBSCRIBE) or a glob pattern (PSUBSCRIBE). */
  private record Subscription(String name, boolean pattern) {
  }

  private final Redis redis;
  private final Vertx vertx;
  private final Duration reconnectDelay;
  private final String name;
  private final Listener onMessage;
  /**
   * Every channel kept, with Redis's confirmation of it on the current connection. One future per channel, created
   * atomically with the channel, is what lets a caller and the confirmation arrive in either order.
   */
  private final Map<Subscription, CompletableFuture<Void>> channels = new ConcurrentHashMap<>();
  private volatile RedisConnection connection;
  private volatile boolean down;
  private volatile boolean closed;

  RedisSubscriber(Redis redis, Vertx vertx, Duration reconnectDelay, String name, Listener onMessage) {
    this.redis = redis;
    this.vertx = vertx;
    this.reconnectDelay = reconnectDelay;
    this.name = name;
    this.onMessage = onMessage;
    connect();
  }

  /**
   * Completes once Redis has confirmed every channel; fails at once while Redis is known to be away. The channels
   * are kept either way, and subscribed again after every reconnect.
   */
  Uni<Void> subscribe(Collection<String> wanted) {
    return keep(wanted.stream().map(channel -> new Subscription(channel, false)).toList());
  }

  /** The same for glob patterns (PSUBSCRIBE): a message on any channel that matches comes in under its pattern. */
  Uni<Void> psubscribe(Collection<String> patterns) {
    return keep(patterns.stream().map(pattern -> new Subscription(pattern, true)).toList());
  }

  private Uni<Void> keep(List<Subscription> wanted) {
    List<Subscription> fresh = new ArrayList<>();
    List<Uni<Void>> confirmations = new ArrayList<>();
    for (Subscription channel : wanted) {
      CompletableFuture<Void> confirmed = channels.computeIfAbsent(channel, c -> {
        fresh.add(c);
        return new CompletableFuture<>();
      });
      if (!confirmed.isDone()) {
        // a copy: a caller that gives up (deadline) must not cancel the confirmation other callers wait for
        confirmations.add(Uni.createFrom().completionStage(confirmed.copy()));
      }
    }
    if (confirmations.isEmpty()) {
      return Uni.createFrom().voidItem();
    }
    if (down) {
      // kept all the same: they are subscribed as soon as Redis is back
      return Uni.createFrom().failure(new BrokerUnavailableException(Transport.REDIS, "the " + name + " subscription"));
    }
    RedisConnection current = connection;
    if (current != null && !fresh.isEmpty()) {
      send(current, fresh);
    }
    return Uni.join().all(confirmations).andFailFast().replaceWithVoid();
  }

  boolean connected() {
    return connection != null;
  }

  private void connect() {
    if (closed) {
      return;
    }
    redis.connect().subscribe().with(this::attach, failure -> {
      down = true;
      Log.debugf("Redis %s subscriber: cannot connect: %s", name, failure.getMessage());
      retryLater();
    });
  }

  private void attach(RedisConnection fresh) {
    if (closed) {
      fresh.closeAndForget();
      return;
    }
    fresh.handler(this::onPush);
    fresh.exceptionHandler(e -> Log.debugf("Redis %s subscriber: %s", name, e.getMessage()));
    fresh.endHandler(() -> onEnd(fresh));
    connection = fresh;
    if (down) {
      Log.infof("Redis %s subscriber: connected again, subscribing to %d channels", name, channels.size());
    }
    down = false;
    if (!channels.isEmpty()) {
      send(fresh, List.copyOf(channels.keySet()));
    }
  }

  private void send(RedisConnection target, List<Subscription> toSubscribe) {
    for (boolean patterns : new boolean[] {false, true}) {
      List<String> names = toSubscribe.stream().filter(s -> s.pattern() == patterns).map(Subscription::name).toList();
      if (names.isEmpty()) {
        continue;
      }
      Request subscribe = Request.cmd(patterns ? Command.PSUBSCRIBE : Command.SUBSCRIBE);
      names.forEach(subscribe::arg);
      target.send(subscribe).subscribe().with(ok -> {
      }, failure -> Log.warnf("Redis %s subscriber: %s failed: %s", name, patterns ? "PSUBSCRIBE" : "SUBSCRIBE", failure.getMessage()));
    }
  }

  private void onPush(Response push) {
    if (push.size() < 3) {
      return;
    }
    String kind = push.get(0).toString();
    String channel = push.get(1).toString();
    if ("message".equalsIgnoreCase(kind)) {
      Response payload = push.get(2);
      onMessage.accept(channel, channel, payload == null ? null : payload.toString());
    } else if ("pmessage".equalsIgnoreCase(kind) && push.size() >= 4) {
      Response payload = push.get(3);
      onMessage.accept(channel, push.get(2).toString(), payload == null ? null : payload.toString());
    } else if ("subscribe".equalsIgnoreCase(kind) || "psubscribe".equalsIgnoreCase(kind)) {
      CompletableFuture<Void> confirmed = channels.get(new Subscription(channel, "psubscribe".equalsIgnoreCase(kind)));
      if (confirmed != null) {
        confirmed.complete(null);
      }
    }
  }

  private void onEnd(RedisConnection ended) {
    if (connection != ended) {
      return;
    }
    connection = null;
    // confirmations were of the lost connection; callers still waiting keep their futures, completed on resubscribe
    channels.replaceAll((channel, confirmed) -> confirmed.isDone() ? new CompletableFuture<>() : confirmed);
    down = true;
    if (!closed) {
      Log.warnf("Redis %s subscriber: connection lost, subscribing again once Redis is back", name);
      retryLater();
    }
  }

  private void retryLater() {
    if (!closed) {
      vertx.setTimer(Math.max(1, reconnectDelay.toMillis()), id -> connect());
    }
  }

  void close() {
    closed = true;
    RedisConnection current = connection;
    connection = null;
    if (current != null) {
      current.closeAndForget();
    }
  }
}
