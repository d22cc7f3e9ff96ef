package org.acme.transport.kafka;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.Map;
import java.util.Optional;

/** The link to Kafka ({@link KafkaLink}): every producer, consumer and admin of the service starts from it. */
@ConfigMapping(prefix = "nest.kafka")
public interface KafkaBrokerConfig {

  /** Link to Kafka. Default false. */
  @WithDefault("false")
  boolean enabled();

  /** Default {@code 127.0.0.1:9092}. */
  @WithDefault("127.0.0.1:9092")
  String bootstrapServers();

  /**
   * The service's Kafka user (SASL), with {@code password}: every producer, consumer and admin then authenticates
   * with {@code sasl-mechanism} over {@code security.protocol=SASL_PLAINTEXT} (say
   * {@code nest.kafka.properties."security.protocol"=SASL_SSL} for TLS). None by default: anonymous.
   */
  Optional<String> username();

  /** The user's password; required with {@code username}, never logged. None by default. */
  Optional<String> password();

  /** SCRAM-SHA-512, SCRAM-SHA-256 or PLAIN, for {@code username}. Default SCRAM-SHA-512. */
  @WithDefault("SCRAM-SHA-512")
  String saslMechanism();

  /**
   * Kafka client settings given to every producer, consumer and admin of the service, as kafka-clients names them;
   * they win over what {@code username} sets. TLS is {@code nest.kafka.properties."security.protocol"=SASL_SSL} (or
   * {@code SSL}), {@code ."ssl.truststore.type"=PEM}, {@code ."ssl.truststore.location"}; other SASL mechanisms
   * {@code ."sasl.mechanism"}, {@code ."sasl.jaas.config"}. None by default.
   */
  Map<String, String> properties();
}
