package org.acme.transport.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What a service refuses to start with. Development runs on known, shared values (RabbitMQ's {@code guest}, the math
 * guard's {@code secret-token}); a deployment that kept one would be open to anyone who read this repository.
 */
@ConfigMapping(prefix = "nest.security")
public interface SecurityConfig {

  /**
   * Refuse to start while a secret holds a development value: the password of an enabled broker link
   * ({@code nest.rabbitmq.password}, {@code nest.nats.password}, {@code nest.mqtt.password}) or a key of
   * {@link #secretKeys()}. Default true (the production profile); false in the dev and test profiles and under
   * {@code ./dev up}, which run on the development values.
   */
  @WithDefault("true")
  boolean refuseDevelopmentSecrets();

  /** More configuration keys that hold secrets, a service's own (math-service: {@code math.guard.secret}). Default none. */
  Optional<List<String>> secretKeys();

  /** The values known to be development ones. Default {@code guest}, {@code secret-token}. */
  @WithDefault("guest,secret-token")
  Set<String> developmentValues();
}
