package org.acme.transport.config;

import io.smallrye.config.WithDefault;

/**
 * A transport's server switch, {@code nest.server.<transport>.enabled}: every room's server configuration extends it
 * (tcp.TcpServerConfig, rmq.RmqServerConfig, ...), so every server is off unless enabled.
 */
public interface Toggle {
  /** Default false. */
  @WithDefault("false")
  boolean enabled();
}
