package org.acme.transport.redis;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.RedisConnection;
import io.vertx.mutiny.redis.client.Request;
import org.acme.transport.broker.BrokerUnavailableException;

/**
 * PUBLISH on one dedicated connection from the Quarkus-managed Redis client. The shared pool queues at most a few
 * dozen waiting commands, far fewer than a burst of requests or replies; one pipelined connection takes
 * thousands, and keeps a stream's replies in the order they were published. A lost connection is replaced on
 * the next publish.
 */
final class RedisPublisher {

  private final Redis redis;
  private final String address;
  private Uni<RedisConnection> connection;

  RedisPublisher(Redis redis, String address) {
    this.redis = redis;
    this.address = address;
  }

  /** The number of subscribers that received it: 0 means it is gone, Redis keeps nothing. */
  Uni<Integer> publish(String channel, String payload) {
    return connection()
        .chain(c -> c.send(Request.cmd(Command.PUBLISH).arg(channel).arg(payload)))
        .map(reply -> reply == null ? 0 : reply.toInteger())
        .onFailure().transform(e -> e instanceof BrokerUnavailableException ? e : new BrokerUnavailableException("redis", address + " (" + e.getMessage() + ")"));
  }

  private synchronized Uni<RedisConnection> connection() {
    if (connection == null) {
      connection = redis.connect()
          .invoke(c -> {
            c.exceptionHandler(e -> Log.debugf("Redis publisher: %s", e.getMessage()));
            c.endHandler(this::forget);
          })
          .onFailure().invoke(() -> forget())
          .memoize().indefinitely();
    }
    return connection;
  }

  private synchronized void forget() {
    connection = null;
  }

  void close() {
    Uni<RedisConnection> current;
    synchronized (this) {
      current = connection;
      connection = null;
    }
    if (current != null) {
      current.subscribe().with(RedisConnection::closeAndForget, e -> { });
    }
  }
}
