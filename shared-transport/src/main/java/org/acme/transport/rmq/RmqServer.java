package org.acme.transport.rmq;

import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.rabbitmq.RabbitMQClient;
import io.vertx.mutiny.rabbitmq.RabbitMQConsumer;
import io.vertx.rabbitmq.QueueOptions;
import jakarta.annotation.Priority;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.acme.transport.codec.MessageMetadata;
import org.acme.transport.config.BrokersConfig;
import org.acme.transport.config.ServerConfig;
import org.acme.transport.handler.Drain;
import org.acme.transport.handler.MessageRouter;

/**
 * Nest's RMQ transport, server side, with the acknowledgements Nest leaves to the user: the queue (and Nest's exchange
 * options) set up by {@link RmqTopology}, the consumer takes {@code prefetch} messages at a time, and each one is
 * acknowledged only after its handler finished and its reply was published.
 * <p>
 * After a reconnect the queues and the prefetch are declared again here, while the Vert.x client itself starts the
 * same consumer again on the new channel (it does so for every consumer when reconnect attempts are on; a second
 * consumer of ours would compete with it). When the broker cancels the consumer (the queue was deleted), the
 * client does nothing, so this server declares the queue and consumes again.
 */
@Singleton
public class RmqServer {

  private final RmqServerConfig config;
  private final MessageMetadata.Limits limits;
  private final RmqLink link;
  private final MessageRouter router;
  private final RmqConfirms confirms;
  private final Duration retryDelay;
  private final RmqTopology topology;
  /** Delivery tags belong to one channel: messages of an older channel must not be acked on the new one. */
  private final AtomicLong channelGeneration = new AtomicLong();
  private volatile RabbitMQConsumer consumer;
  private volatile boolean stopped;

  RmqServer(RmqServerConfig config, ServerConfig server, RmqLink link, MessageRouter router, RmqConfirms confirms, BrokersConfig brokers) {
    this.confirms = confirms;
    this.config = config;
    this.limits = server.metadata().limits();
    this.link = link;
    this.router = router;
    this.retryDelay = brokers.reconnectDelay();
    this.topology = new RmqTopology(this.config, deadLetterQueue(), router.handlers().allRoutes());
  }

  void onStart(@Observes StartupEvent event) {
    if (!config.enabled()) {
      return;
    }
    link.onConnected(this::onConnected).subscribe().with(ok -> { }, e -> Log.errorf(e, "Nest RMQ server: set-up failed"));
  }

  private Uni<Void> onConnected() {
    channelGeneration.incrementAndGet();
    return consumer == null ? setUp() : declare(link.client());
  }

  /** The dead-letter queue: malformed messages and events nobody handles end up there, with the reason in a header. */
  /** The exchange a server of this configuration binds its queue to, if any: the configured one, else the queue's name with {@code wildcards}. */
  public static Optional<String> exchange(RmqServerConfig config) {
    return config.exchange().or(() -> config.wildcards() ? Optional.of(config.queue()) : Optional.empty());
  }

  public String deadLetterQueue() {
    return config.deadLetterQueue().orElse(config.queue() + ".dlq");
  }

  private Uni<Void> declare(RabbitMQClient client) {
    return topology.apply(client);
  }

  private Uni<Void> setUp() {
    if (stopped) {
      return Uni.createFrom().voidItem();
    }
    RabbitMQClient client = link.client();
    RmqDeliveries deliveries = new RmqDeliveries(client, confirms, router, config.queue(), deadLetterQueue(), channelGeneration, limits,
        java.util.Set.copyOf(config.replyQueues().orElse(java.util.List.of())), config);
    return declare(client)
        .chain(() -> client.basicConsumer(config.queue(), new QueueOptions().setAutoAck(false)))
        .invoke(started -> {
          consumer = started;
          started.handler(deliveries::onMessage);
          started.endHandler(this::onCancelled);
          Log.infof("Nest RMQ server: consuming %s (prefetch %d, dead letters to %s%s)", config.queue(), config.prefetch(), deadLetterQueue(),
              topology.exchange().map(x -> ", bound to " + config.exchangeType().amqpName() + " exchange " + x + " with " + topology.bindingKeys()).orElse(""));
        })
        .replaceWithVoid();
  }

  /** The broker cancelled the consumer (queue deleted, node failover): declare and consume again. */
  private void onCancelled() {
    if (stopped) {
      return;
    }
    Log.warnf("Nest RMQ server: the broker cancelled the consumer of %s; setting it up again", config.queue());
    Uni.createFrom().voidItem().onItem().delayIt().by(retryDelay)
        .chain(this::setUp)
        .onFailure().retry().withBackOff(retryDelay).indefinitely()
        .subscribe().with(ok -> { }, e -> Log.errorf(e, "Nest RMQ server: cannot consume %s again", config.queue()));
  }

  /**
   * SIGTERM: the consumer is cancelled, before the link closes (lower priority runs first), so no new messages come
   * and the client does not start it again. The messages running finish within the drain and are acked; an event
   * still running after it is nacked with requeue (RmqDeliveries, on {@link Drain.HandedBack}); whatever is left
   * unacked goes back to the queue when the channel closes.
   */
  void onStop(@Observes @Priority(Drain.STOP_TAKING) ShutdownEvent event) {
    stopped = true;
    RabbitMQConsumer current = consumer;
    if (current != null && link.connected()) {
      // unacknowledged messages go back to the queue when the connection closes
      current.cancel().onFailure().recoverWithNull().await().atMost(Duration.ofSeconds(2));
    }
  }
}
