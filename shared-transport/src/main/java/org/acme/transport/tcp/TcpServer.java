package org.acme.transport.tcp;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.net.NetServerOptions;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.net.NetServer;
import jakarta.annotation.Priority;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.acme.transport.config.NamedTls;
import org.acme.transport.config.ServerConfig;
import org.acme.transport.handler.Drain;
import org.acme.transport.handler.MessageRouter;

/**
 * Nest's TCP transport, server side: {@code <length>#<json>} frames on Vert.x net, many requests in flight per
 * connection, replies in completion order. One {@link TcpConnection} per peer, at most {@code max-connections} of
 * them, each closed after {@code idle-timeout} of silence.
 */
@Singleton
public class TcpServer {

  private final TcpServerConfig tcp;
  private final ServerConfig config;
  private final Vertx vertx;
  private final MessageRouter router;
  private NetServer server;
  private final AtomicInteger open = new AtomicInteger();
  private final Counter refused;
  private final NamedTls tls;
  private volatile boolean stopping;

  TcpServer(TcpServerConfig tcp, ServerConfig config, Vertx vertx, MessageRouter router, MeterRegistry meters, NamedTls tls) {
    this.tls = tls;
    this.refused = meters.counter("nest.server.tcp.connections.refused");
    this.tcp = tcp;
    this.config = config;
    this.vertx = vertx;
    this.router = router;
  }

  void onStart(@Observes StartupEvent event) {
    if (!tcp.enabled()) {
      return;
    }
    NetServerOptions options = new NetServerOptions().setHost(tcp.host()).setPort(tcp.port()).setTcpNoDelay(true).setSendBufferSize(tcp.sendBuffer())
        .setIdleTimeout((int) tcp.idleTimeout().toSeconds()).setIdleTimeoutUnit(TimeUnit.SECONDS);
    tls.find("nest.server.tcp", tcp.tlsConfigurationName()).ifPresent(named -> NamedTls.server(named, options, tcp.clientCertificateRequired()));
    server = vertx.createNetServer(options)
        .connectHandler(socket -> {
          if (stopping) {
            // draining: a new peer goes elsewhere; the connections open keep carrying their replies
            socket.closeAndForget();
            return;
          }
          if (open.incrementAndGet() > tcp.maxConnections()) {
            open.decrementAndGet();
            refused.increment();
            Log.warnf("Nest TCP server: %d connections open (nest.server.tcp.max-connections); closing the one from %s",
                tcp.maxConnections(), socket.remoteAddress());
            socket.closeAndForget();
            return;
          }
          new TcpConnection(socket, vertx, router, tcp, config.metadata().limits(), open::decrementAndGet);
        });
    try {
      server.listenAndAwait();
    } catch (RuntimeException e) {
      throw new IllegalStateException("Nest TCP server: cannot listen on " + tcp.host() + ":" + tcp.port()
          + " (port taken? set nest.server.tcp.port): " + e.getMessage(), e);
    }
    Log.infof("Nest TCP server listening on %s:%d%s", tcp.host(), server.actualPort(), options.isSsl() ? " (TLS)" : "");
  }

  /** The port actually bound (differs from the configured one when that is 0). */
  public int port() {
    return server == null ? -1 : server.actualPort();
  }

  /**
   * SIGTERM: no new connections (closed as they come: Vert.x closes the open ones with the listener, and they carry the
   * replies of the requests still running); a request on an open one is answered 503 by the router.
   */
  void onStopTaking(@Observes @Priority(Drain.STOP_TAKING) ShutdownEvent event) {
    stopping = true;
  }

  void onStop(@Observes @Priority(Drain.CLOSE) ShutdownEvent event) {
    if (server != null) {
      server.closeAndAwait();
    }
  }
}
