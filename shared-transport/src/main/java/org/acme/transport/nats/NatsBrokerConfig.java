package org.acme.transport.nats;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.Optional;

/** The link to NATS ({@link NatsLink}). */
@ConfigMapping(prefix = "nest.nats")
public interface NatsBrokerConfig {

  /** Link to NATS. Default false. */
  @WithDefault("false")
  boolean enabled();

  /** Default {@code nats://127.0.0.1:4222}. Credentials go in their own keys, so logs and health never show them. */
  @WithDefault("nats://127.0.0.1:4222")
  String url();

  /** User, with {@code password}. None by default. */
  Optional<String> username();

  Optional<String> password();

  /** A token instead of a user. None by default. */
  Optional<String> token();

  /** An NKey seed ({@code SU...}) instead of a user: the server knows only its public key. None by default. */
  Optional<String> nkeySeed();

  /** A {@code .creds} file (JWT and NKey seed, decentralised auth). None by default. */
  Optional<String> credentialsFile();

  /** A Quarkus TLS configuration ({@code quarkus.tls.<name>.*}) to connect with. None: plain. */
  Optional<String> tlsConfigurationName();
}
