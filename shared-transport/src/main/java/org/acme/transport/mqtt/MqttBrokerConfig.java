package org.acme.transport.mqtt;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.Optional;

/** The link to an MQTT broker ({@link MqttLink}). */
@ConfigMapping(prefix = "nest.mqtt")
public interface MqttBrokerConfig {

  /** Link to an MQTT broker. Default false. */
  @WithDefault("false")
  boolean enabled();

  /** Default 127.0.0.1. */
  @WithDefault("127.0.0.1")
  String host();

  /** Default 1883. */
  @WithDefault("1883")
  int port();

  /** User, with {@code password}. None by default. */
  Optional<String> username();

  Optional<String> password();

  /** A Quarkus TLS configuration ({@code quarkus.tls.<name>.*}): {@code mqtts}. None: plain. */
  Optional<String> tlsConfigurationName();
}
