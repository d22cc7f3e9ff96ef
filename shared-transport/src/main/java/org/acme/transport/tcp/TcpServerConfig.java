package org.acme.transport.tcp;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;
import org.acme.transport.config.Toggle;

/** Nest's TCP transport, server side ({@link TcpServer}): off unless enabled. */
@ConfigMapping(prefix = "nest.server.tcp")
public interface TcpServerConfig extends Toggle {

  /** Default 127.0.0.1. */
  @WithDefault("127.0.0.1")
  String host();

  /** Default 3001; 0 picks a free port. */
  @WithDefault("3001")
  int port();

  /** The largest frame accepted, in UTF-16 code units as Nest counts them; a larger one closes the connection. Default 1048576. */
  @WithDefault("1048576")
  int maxFrameLength();

  /** How long a frame may take from its first byte to its last before the connection is closed. Default 30s, as Nest. */
  @WithDefault("30s")
  Duration incompleteFrameTimeout();

  /**
   * Requests and events of one connection handled at once; beyond it the server stops reading that connection until
   * one ends (backpressure: the peer's writes wait, nothing is dropped). Default 64.
   */
  @WithDefault("64")
  int maxInFlight();

  /**
   * The kernel's send buffer per connection, in bytes. Fixed rather than left to grow (to megabytes on loopback), so
   * a peer that does not read stops the server producing for it after this much, not after megabytes. Default 131072.
   */
  @WithDefault("131072")
  int sendBuffer();

  /** How long a peer may leave its replies unread (the write queue full) before it is let go. Default 30s. */
  @WithDefault("30s")
  Duration writeStallTimeout();

  /** A connection that carries nothing either way for this long is closed; a Nest client connects again. Default 10m. */
  @WithDefault("10m")
  Duration idleTimeout();

  /** Connections open at once; one more is closed at once (and logged). Default 1024. */
  @WithDefault("1024")
  int maxConnections();

  /**
   * A Quarkus TLS configuration ({@code quarkus.tls.<name>.key-store.*}) to serve TLS with, as Nest's
   * {@code tlsOptions}. None: plain TCP.
   */
  Optional<String> tlsConfigurationName();

  /** With TLS: every client must present a certificate the configuration's trust store trusts. Default false. */
  @WithDefault("false")
  boolean clientCertificateRequired();
}
