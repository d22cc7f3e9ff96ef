package org.acme.transport.rmq;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.quarkus.runtime.ShutdownEvent;
import io.vertx.mutiny.rabbitmq.RabbitMQClient;
import io.vertx.mutiny.rabbitmq.RabbitMQConsumer;
import io.vertx.mutiny.rabbitmq.RabbitMQMessage;
import io.vertx.rabbitmq.QueueOptions;
import jakarta.annotation.Priority;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import org.acme.transport.Transport;
import org.acme.transport.broker.BrokerUnavailableException;
import org.acme.transport.client.PendingReplies;
import org.acme.transport.codec.MalformedPacketException;
import org.acme.transport.codec.NestCodec;

/**
 * RabbitMQ direct reply-to for every RMQ client of the service. The broker allows one consumer of
 * {@code amq.rabbitmq.reply-to} per channel, it must be the channel that publishes, it must not ack (Nest's
 * PRECONDITION_FAILED pitfall), and the link has one channel: so one consumer here, shared, routing replies by
 * {@code correlationId}. The Vert.x client starts the consumer again itself after a reconnect. A reconnect means a
 * new channel and a new reply address: requests in flight on the old one cannot get their replies any more and
 * fail at once instead of waiting for their deadlines.
 */
@Singleton
public class RmqReplies {

  static final String REPLY_QUEUE = "amq.rabbitmq.reply-to";

  private final RmqLink link;
  private final PendingReplies pending = new PendingReplies(Transport.RMQ);
  private volatile Uni<Void> ready;
  private volatile RabbitMQConsumer consumer;
  /** The consumer's tag on the channel before the latest reconnection; replies flow again once it changes. */
  private volatile String staleTag;
  /** The link's connection that {@link #staleTag} was taken on; until set-up ran on a new one, nothing is sent. */
  private volatile long staleOn;
  private boolean registered;

  RmqReplies(RmqLink link) {
    this.link = link;
  }

  PendingReplies pending() {
    return pending;
  }

  /** Completes once replies can be received on the link's current channel. */
  synchronized Uni<Void> ready() {
    if (!registered) {
      registered = true;
      ready = Uni.createFrom().failure(new BrokerUnavailableException(Transport.RMQ, link.address()));
      link.onConnected(this::setUp).subscribe().with(ok -> { }, e -> Log.errorf(e, "RMQ client: cannot consume replies"));
    }
    return consumer == null ? ready : consumingAgain();
  }

  private Uni<Void> setUp() {
    RabbitMQClient client = link.client();
    if (consumer != null) {
      // runs before the Vert.x client consumes reply-to again on the new channel, so this is the old channel's tag
      staleTag = consumer.consumerTag();
      staleOn = link.connections();
      pending.failAll(new IOException("Connection closed"));
      return client.confirmSelect();
    }
    Uni<Void> consuming = client.confirmSelect()
        .chain(() -> client.basicConsumer(REPLY_QUEUE, new QueueOptions().setAutoAck(true)))
        .invoke(started -> {
          started.handler(this::onReply);
          staleOn = link.connections();
          consumer = started;
        })
        .replaceWithVoid()
        .memoize().indefinitely();
    ready = consuming;
    return consuming;
  }

  /**
   * After a reconnection the Vert.x client consumes reply-to again itself, after this service's set-up callbacks
   * ran. A request published before would close the channel with PRECONDITION_FAILED (fast reply consumer does not
   * exist), taking the server's unacked deliveries with it. So from the moment the link counts a new connection
   * (before any set-up callback) requests wait until this class's set-up has noted the old channel's consumer tag,
   * and then until the consumer carries another one: the broker's consume-ok for the new channel. The tag itself
   * is set when the RabbitMQ client dispatches consume-ok, a moment after basicConsume returned, which is why the
   * connection count and not the tag says a reconnection began. Not memoized: each request checks again, and its
   * caller's deadline bounds the wait.
   */
  private Uni<Void> consumingAgain() {
    return Uni.createFrom().voidItem()
        .invoke(() -> {
          if (staleOn != link.connections() || Objects.equals(consumer.consumerTag(), staleTag)) {
            throw new BrokerUnavailableException(Transport.RMQ, link.address());
          }
        })
        .onFailure().retry().withBackOff(Duration.ofMillis(10), Duration.ofMillis(200)).indefinitely();
  }

  /** Before the link closes, so the client does not try to start the consumer again. */
  void onStop(@Observes @Priority(1000) ShutdownEvent event) {
    RabbitMQConsumer current = consumer;
    if (current != null && link.connected()) {
      current.cancel().onFailure().recoverWithNull().await().atMost(Duration.ofSeconds(2));
    }
  }

  private void onReply(RabbitMQMessage message) {
    String id = message.properties().getCorrelationId();
    if (id == null) {
      return;
    }
    try {
      pending.accept(id, NestCodec.readReply(NestCodec.parse(message.body().toString(StandardCharsets.UTF_8))));
    } catch (MalformedPacketException e) {
      Log.warnf("RMQ client: dropping a reply that is not JSON: %s", e.getMessage());
    }
  }
}
