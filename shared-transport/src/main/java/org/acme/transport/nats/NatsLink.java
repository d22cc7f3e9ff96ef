package org.acme.transport.nats;

import io.nats.client.Connection;
import io.nats.client.ConnectionListener;
import io.nats.client.ErrorListener;
import io.nats.client.Nats;
import io.nats.client.Options;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.Optional;
import org.acme.transport.Transport;
import org.acme.transport.broker.Addresses;
import org.acme.transport.broker.BrokerLink;
import org.acme.transport.broker.LastRefusal;
import org.acme.transport.config.BrokersConfig;
import org.acme.transport.config.NamedTls;

/**
 * One NATS connection per service, with jnats reconnecting forever, including when the server is down at
 * start-up. jnats replays subscriptions after a reconnect, so subscribers register once.
 */
@Singleton
public class NatsLink implements BrokerLink {

  private final NatsBrokerConfig nats;
  private final BrokersConfig config;
  private final NamedTls tls;
  private volatile Connection connection;
  private volatile ConnectionListener.Events lastEvent;
  private final LastRefusal refusal = new LastRefusal("NATS", "");

  NatsLink(NatsBrokerConfig nats, BrokersConfig config, NamedTls tls) {
    this.nats = nats;
    this.config = config;
    this.tls = tls;
  }

  /** The connection, once it has been established at least once. */
  public Optional<Connection> connection() {
    return Optional.ofNullable(connection);
  }

  @Override
  public String broker() {
    return Transport.NATS.broker();
  }

  @Override
  public String address() {
    return Addresses.withoutCredentials(nats.url());
  }

  @Override
  public boolean enabled() {
    return nats.enabled();
  }

  @Override
  public void start() {
    Options.Builder builder = new Options.Builder()
        .server(nats.url())
        .connectionTimeout(Duration.ofSeconds(2))
        .reconnectWait(config.reconnectDelay())
        .maxReconnects(-1)
        .connectionListener(this::onEvent)
        .errorListener(new ErrorListener() {
          @Override
          public void errorOccurred(Connection conn, String error) {
            refusal.refused(address(), error); // "Authorization Violation"
          }

          @Override
          public void exceptionOccurred(Connection conn, Exception e) {
            refusal.refused(address(), String.valueOf(e.getMessage())); // an untrusted certificate, a host name that does not match
          }
        });
    nats.username().ifPresent(user -> builder.userInfo(user, nats.password().orElse("")));
    nats.token().ifPresent(builder::token);
    nats.nkeySeed().ifPresent(seed -> builder.authHandler(Nats.staticCredentials(null, seed.toCharArray())));
    nats.credentialsFile().ifPresent(file -> builder.authHandler(Nats.credentials(file)));
    tls.find(Transport.NATS.broker(), nats.tlsConfigurationName()).ifPresent(named -> builder.sslContext(NamedTls.sslContext(named)));
    Options options = builder.build();
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
    if (event == ConnectionListener.Events.CONNECTED || event == ConnectionListener.Events.RECONNECTED) {
      refusal.connected();
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
      String state = current == null ? "not connected yet" : current.getStatus().name().toLowerCase();
      return Uni.createFrom().failure(new IllegalStateException(refusal.describe(state)));
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
