package org.acme.transport.rmq;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Promise;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.rabbitmq.RabbitMQClient;
import io.vertx.rabbitmq.RabbitMQOptions;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.acme.transport.Transport;
import org.acme.transport.broker.BrokerLink;
import org.acme.transport.config.BrokersConfig;
import org.acme.transport.config.NamedTls;

/**
 * One RabbitMQ connection (and channel) per service, through the Vert.x RabbitMQ client. The client retries
 * forever; what was declared and consumed is set up again by the callbacks registered with
 * {@link #onConnected(Supplier)}, which run on every (re)connection.
 */
@Singleton
public class RmqLink implements BrokerLink {

  private final RmqBrokerConfig rmq;
  private final BrokersConfig config;
  private final Vertx vertx;
  private final List<Supplier<Uni<Void>>> onConnected = new CopyOnWriteArrayList<>();
  private final AtomicLong connections = new AtomicLong();
  private volatile RabbitMQClient client;

  private final NamedTls tls;

  RmqLink(RmqBrokerConfig rmq, BrokersConfig config, Vertx vertx, NamedTls tls) {
    this.tls = tls;
    this.rmq = rmq;
    this.config = config;
    this.vertx = vertx;
  }

  @Override
  public String broker() {
    return Transport.RMQ.broker();
  }

  /**
   * The user this link logs in as. Clients stamp it as each message's {@code user_id}, which RabbitMQ checks against the
   * connection's user (a message that claims another is refused), so a server can trust it to name the sender.
   */
  public String username() {
    return rmq.username();
  }

  @Override
  public String address() {
    return (rmq.tlsConfigurationName().isPresent() ? "amqps://" : "amqp://") + rmq.host() + ":" + rmq.port() + rmq.virtualHost();
  }

  @Override
  public boolean enabled() {
    return rmq.enabled();
  }

  /** The client; it exists from start-up on, connected or not. */
  public RabbitMQClient client() {
    return client;
  }

  public boolean connected() {
    RabbitMQClient current = client;
    return current != null && current.isConnected() && current.isOpenChannel();
  }

  /**
   * How many times the link has (re)connected since start-up. A channel error costs a reconnection too, so a
   * healthy link shows one per broker outage.
   */
  public long connections() {
    return connections.get();
  }

  /** Runs now if connected, and after every reconnection: declare queues and start consumers here. */
  public Uni<Void> onConnected(Supplier<Uni<Void>> setup) {
    onConnected.add(setup);
    return connected() ? setup.get() : Uni.createFrom().voidItem();
  }

  @Override
  public void start() {
    RabbitMQOptions options = new RabbitMQOptions()
        .setHost(rmq.host())
        .setPort(rmq.port())
        .setUser(rmq.username())
        .setPassword(rmq.password())
        .setVirtualHost(rmq.virtualHost())
        .setConnectionTimeout(2000)
        .setAutomaticRecoveryEnabled(false)
        .setReconnectAttempts(Integer.MAX_VALUE)
        .setReconnectInterval(config.reconnectDelay().toMillis());
    tls.find(Transport.RMQ.broker(), rmq.tlsConfigurationName()).ifPresent(named -> NamedTls.client(named, options));
    client = RabbitMQClient.create(vertx, options);
    // The Mutiny facade does not expose this callback; the core client does.
    client.getDelegate().addConnectionEstablishedCallback(this::replaySetup);
    client.start().subscribe().with(
        ok -> Log.infof("RabbitMQ %s: connected", address()),
        e -> Log.warnf("RabbitMQ %s: %s", address(), e.getMessage()));
  }

  private void replaySetup(Promise<Void> done) {
    connections.incrementAndGet();
    Uni<Void> chain = Uni.createFrom().voidItem();
    for (Supplier<Uni<Void>> setup : onConnected) {
      chain = chain.chain(() -> setup.get());
    }
    chain.subscribe().with(ok -> done.complete(), e -> {
      Log.errorf(e, "RabbitMQ %s: setting up after connect failed", address());
      done.complete();
    });
  }

  @Override
  public void stop() {
    RabbitMQClient current = client;
    if (current != null) {
      current.stopAndForget();
    }
  }

  @Override
  public Uni<Void> ping() {
    return connected() ? Uni.createFrom().voidItem() : Uni.createFrom().failure(new IllegalStateException("not connected"));
  }
}
