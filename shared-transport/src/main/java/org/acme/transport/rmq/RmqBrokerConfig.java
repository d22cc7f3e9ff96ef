package org.acme.transport.rmq;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.Optional;

/**
 * The link to RabbitMQ ({@link RmqLink}). Under {@code nest.rabbitmq} (the broker's name, as users configure it);
 * {@code rmq} in code, as everywhere.
 */
@ConfigMapping(prefix = "nest.rabbitmq")
public interface RmqBrokerConfig {

  /** Link to RabbitMQ. Default false. */
  @WithDefault("false")
  boolean enabled();

  /** Default 127.0.0.1. */
  @WithDefault("127.0.0.1")
  String host();

  /** Default 5672. */
  @WithDefault("5672")
  int port();

  /** Default guest. */
  @WithDefault("guest")
  String username();

  /** Default guest. */
  @WithDefault("guest")
  String password();

  /** Default {@code /}. */
  @WithDefault("/")
  String virtualHost();

  /** A Quarkus TLS configuration ({@code quarkus.tls.<name>.*}): {@code amqps}. None: plain. */
  Optional<String> tlsConfigurationName();
}
