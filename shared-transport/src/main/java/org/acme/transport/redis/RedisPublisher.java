package org.acme.transport.redis;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.vertx.core.AsyncResult;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.RedisConnection;
import io.vertx.mutiny.redis.client.Request;
import java.util.concurrent.atomic.AtomicReference;
import org.acme.transport.Transport;
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
  /** The connection once it is open, for {@link #send}; null while there is none. */
  private volatile RedisConnection open;

  RedisPublisher(Redis redis, String address) {
    this.redis = redis;
    this.address = address;
  }

  /**
   * The number of subscribers that received it: 0 means it is gone, Redis keeps nothing. A failed publish drops the
   * connection, so the next one connects afresh rather than trying a dead one again.
   */
  Uni<Integer> publish(String channel, String payload) {
    Uni<RedisConnection> used = connection();
    return used
        .chain(c -> c.send(Request.cmd(Command.PUBLISH).arg(channel).arg(payload)))
        .map(reply -> reply == null ? 0 : reply.toInteger())
        .onFailure().invoke(() -> forget(used))
        .onFailure().transform(e -> e instanceof BrokerUnavailableException ? e : new BrokerUnavailableException(Transport.REDIS, address + " (" + e.getMessage() + ")"));
  }

  /**
   * The same for a server's reply, without a Uni once the connection is open: the Uni chain, its two failure
   * operators and the Mutiny wrapper's Future-to-Uni were half of what a Redis request cost in JFR. {@code done}
   * hears the number of receivers, or the failure (a broker away included).
   */
  void send(String channel, String payload, Handler<AsyncResult<Integer>> done) {
    RedisConnection current = open;
    if (current == null) {
      publish(channel, payload).subscribe().with(n -> done.handle(Future.succeededFuture(n)), e -> done.handle(Future.failedFuture(e)));
      return;
    }
    current.getDelegate().send(io.vertx.redis.client.Request.cmd(io.vertx.redis.client.Command.PUBLISH).arg(channel).arg(payload))
        .onComplete(reply -> {
          if (reply.succeeded()) {
            done.handle(Future.succeededFuture(reply.result() == null ? 0 : reply.result().toInteger()));
          } else {
            forgetOpen(current);
            done.handle(Future.failedFuture(new BrokerUnavailableException(Transport.REDIS, address + " (" + reply.cause().getMessage() + ")")));
          }
        });
  }

  private synchronized Uni<RedisConnection> connection() {
    if (connection == null) {
      AtomicReference<Uni<RedisConnection>> self = new AtomicReference<>();
      // an error on the connection ends it for us too: the Vert.x client does not always call the end handler after
      // one (with assertions on, its end() fails when fail() ran first)
      self.set(redis.connect()
          .invoke(c -> {
            open = c;
            c.exceptionHandler(e -> {
              Log.debugf("Redis publisher: %s", e.getMessage());
              forget(self.get());
            });
            c.endHandler(() -> forget(self.get()));
          })
          .onFailure().invoke(() -> forget(self.get()))
          .memoize().indefinitely());
      connection = self.get();
    }
    return connection;
  }

  /** Drops this connection, unless a newer one took its place already. */
  private synchronized void forget(Uni<RedisConnection> lost) {
    if (connection == lost) {
      connection = null;
      open = null;
    }
  }

  private synchronized void forgetOpen(RedisConnection lost) {
    if (open == lost) {
      connection = null;
      open = null;
    }
  }

  void close() {
    Uni<RedisConnection> current;
    synchronized (this) {
      current = connection;
      connection = null;
      open = null;
    }
    if (current != null) {
      current.subscribe().with(RedisConnection::closeAndForget, e -> { });
    }
  }
}
