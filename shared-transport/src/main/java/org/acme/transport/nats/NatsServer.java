package org.acme.transport.nats;

import io.nats.client.Connection;
import io.nats.client.Dispatcher;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.annotation.Priority;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.acme.transport.config.ServerConfig;
import org.acme.transport.handler.Drain;
import org.acme.transport.handler.MessageRouter;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Nest's NATS transport, server side: one queue-group subscription per route, the subject being the route, so
 * that each request is handled by one instance of the service (Nest has no default queue group; without one
 * every instance would answer). The group is the route's own ({@code @MessagePattern(queue = ...)}, Nest 11's
 * {@code {queue}} extra), else {@code nest.server.nats.queue}. jnats replays the subscriptions after a reconnect.
 */
@Singleton
public class NatsServer {

  private final NatsServerConfig nats;
  private final ServerConfig config;
  private final NatsLink link;
  private final MessageRouter router;
  private final String applicationName;
  /** How long unsubscribing may take on SIGTERM; a broker that does not answer does not hold the drain up for longer. */
  private static final Duration STOP_WAIT = Duration.ofSeconds(2);
  private volatile Dispatcher dispatcher;
  private volatile boolean stopped;

  NatsServer(NatsServerConfig nats, ServerConfig config, NatsLink link, MessageRouter router,
      @ConfigProperty(name = "quarkus.application.name", defaultValue = "nest-service") String applicationName) {
    this.nats = nats;
    this.config = config;
    this.link = link;
    this.router = router;
    this.applicationName = applicationName;
  }

  void onStart(@Observes StartupEvent event) {
    if (!nats.enabled()) {
      return;
    }
    // The link connects in the background; subscribe as soon as it has a connection, and only once.
    Uni.createFrom().item(() -> link.connection().orElseThrow(() -> new IllegalStateException("NATS not connected yet")))
        .onFailure().retry().withBackOff(Duration.ofMillis(100), Duration.ofSeconds(1)).indefinitely()
        .runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
        .subscribe().with(this::subscribe, e -> Log.errorf(e, "Nest NATS server: cannot start"));
  }

  private synchronized void subscribe(Connection connection) {
    if (stopped || dispatcher != null) {
      return;
    }
    String queue = nats.queue().orElse(applicationName);
    NatsRequestHandler handler = new NatsRequestHandler(connection, router, config.metadata().limits(), nats.replyPrefix());
    dispatcher = connection.createDispatcher(handler::onMessage);
    for (String route : router.handlers().allRoutes()) {
      try {
        dispatcher.subscribe(route, router.handlers().queue(route).orElse(queue));
      } catch (IllegalArgumentException e) {
        Log.errorf("Nest NATS server: route %s is not a valid NATS subject, not served: %s", route, e.getMessage());
      }
    }
    Log.infof("Nest NATS server: %d subjects in queue group %s (unless a pattern names its own)", router.handlers().allRoutes().size(), queue);
  }

  /**
   * SIGTERM: the subscriptions drain (jnats unsubscribes them, then hands over the messages it had already received,
   * which the router counts as in flight); replies go out on the connection, which stays open until the links close.
   */
  void onStopTaking(@Observes @Priority(Drain.STOP_TAKING) ShutdownEvent event) {
    synchronized (this) {
      stopped = true;
    }
    Dispatcher current = dispatcher;
    if (current == null) {
      return;
    }
    try {
      current.drain(STOP_WAIT).get(STOP_WAIT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException | TimeoutException | RuntimeException e) {
      Log.warnf("Nest NATS server: the subscriptions did not drain within %s: %s", STOP_WAIT, e.toString());
    }
  }
}
