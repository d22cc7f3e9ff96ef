package org.acme.transport.broker;

import io.nats.client.Connection;
import io.nats.client.ConnectionListener;
import io.nats.client.Nats;
import io.nats.client.Options;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.Optional;
import org.acme.transport.config.BrokersConfig;

/**
 * One NATS connection per service, with jnats reconnecting forever, including when the server is down at
 * start-up. jnats replays subscriptions after a reconnect, so subscribers register once.
 */
@Singleton
public class NatsLink implements BrokerLink {

  private final BrokersConfig config;
  private volatile Connection connection;
  private volatile ConnectionListener.Events lastEvent;

  NatsLink(BrokersConfig config) {
    this.config = config;
  }

  /** The connection, once it has been established at least once. */
  public Optional<Connection> connection() {
    return Optional.ofNullable(connection);
  }

  @Override
  public String broker() {
    return "nats";
  }

  @Override
  public String address() {
    return config.nats().url();
  }

  @Override
  public boolean enabled() {
    return config.nats().enabled();
  }

  @Override
  public void start() {
    Options options = new Options.Builder()
        .server(config.nats().url())
        .connectionTimeout(Duration.ofSeconds(2))
        .reconnectWait(config.reconnectDelay())
        .maxReconnects(-1)
        .connectionListener(this::onEvent)
        .build();
    try {
      Nats.connectAsynchronously(options, true);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void onEvent(Connection conn, ConnectionListener.Events event) {
    // A first connect that succeeds only after failed attempts is reported as RECONNECTED, not CONNECTED.
    if (conn != null) {
      connection = conn;
    }
    // jnats reports every failed attempt; say only what changed.
    if (event != lastEvent) {
      Log.infof("NATS %s: %s", address(), event.getEvent());
      lastEvent = event;
    }
  }

  @Override
  public void stop() {
    Connection current = connection;
    if (current != null) {
      try {
        current.close();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  @Override
  public Uni<Void> ping() {
    Connection current = connection;
    if (current == null || current.getStatus() != Connection.Status.CONNECTED) {
      return Uni.createFrom().failure(new IllegalStateException(current == null ? "not connected yet" : current.getStatus().name().toLowerCase()));
    }
    return Uni.createFrom().item(() -> {
      try {
        return current.RTT();
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    }).runSubscriptionOn(Infrastructure.getDefaultWorkerPool()).replaceWithVoid();
  }
}
