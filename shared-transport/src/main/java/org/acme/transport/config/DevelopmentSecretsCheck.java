package org.acme.transport.config;

import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.acme.transport.mqtt.MqttBrokerConfig;
import org.acme.transport.nats.NatsBrokerConfig;
import org.acme.transport.rmq.RmqBrokerConfig;
import org.eclipse.microprofile.config.Config;

/**
 * Stops a service at start, before it links to anything, when {@link SecurityConfig#refuseDevelopmentSecrets()} holds
 * and a secret it would use is a development value. The message names the keys, never the values.
 */
@Singleton
class DevelopmentSecretsCheck {

  private final SecurityConfig security;
  private final RmqBrokerConfig rmq;
  private final NatsBrokerConfig nats;
  private final MqttBrokerConfig mqtt;
  private final Config config;

  DevelopmentSecretsCheck(SecurityConfig security, RmqBrokerConfig rmq, NatsBrokerConfig nats, MqttBrokerConfig mqtt, Config config) {
    this.security = security;
    this.rmq = rmq;
    this.nats = nats;
    this.mqtt = mqtt;
    this.config = config;
  }

  void onStart(@Observes @Priority(1) StartupEvent event) {
    List<String> offending = offending();
    if (security.refuseDevelopmentSecrets() && !offending.isEmpty()) {
      throw new IllegalStateException("refusing to start: " + String.join(", ", offending) + " hold a development value."
          + " Give each a secret of its own (./dev secrets makes them for docker compose), or set"
          + " nest.security.refuse-development-secrets=false to run on the development values");
    }
  }

  /** The keys whose values are development ones. */
  List<String> offending() {
    List<String> found = new ArrayList<>();
    check(found, "nest.rabbitmq.password", rmq.enabled() ? Optional.of(rmq.password()) : Optional.empty());
    check(found, "nest.nats.password", nats.enabled() ? nats.password() : Optional.empty());
    check(found, "nest.mqtt.password", mqtt.enabled() ? mqtt.password() : Optional.empty());
    security.secretKeys().orElse(List.of()).forEach(key -> check(found, key, config.getOptionalValue(key, String.class)));
    return found;
  }

  private void check(List<String> found, String key, Optional<String> value) {
    if (value.filter(security.developmentValues()::contains).isPresent()) {
      found.add(key);
    }
  }
}
