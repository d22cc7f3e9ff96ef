package org.acme.transport.kafka;

import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.common.config.SaslConfigs;

/**
 * The SASL settings that {@code nest.kafka.username}, {@code password} and {@code sasl-mechanism} stand for, in
 * kafka-clients' terms, so compose and Kubernetes can hand a service its broker user as two plain variables instead of
 * a JAAS string. kafka-clients marks {@code sasl.jaas.config} as a password: its config dumps print it as [hidden].
 */
final class KafkaSasl {

  private KafkaSasl() {
  }

  /** None without a username; otherwise the mechanism, its login module with the user, and SASL_PLAINTEXT. */
  static Map<String, Object> settings(KafkaBrokerConfig kafka) {
    Map<String, Object> props = new HashMap<>();
    kafka.username().ifPresent(username -> {
      String password = kafka.password().orElseThrow(() -> new IllegalArgumentException(
          "nest.kafka.username is set, nest.kafka.password is not: give the Kafka user its password"));
      String mechanism = kafka.saslMechanism();
      props.put(SaslConfigs.SASL_MECHANISM, mechanism);
      props.put(SaslConfigs.SASL_JAAS_CONFIG, loginModule(mechanism) + " required username=" + quoted(username)
          + " password=" + quoted(password) + ";");
      // with TLS, nest.kafka.properties."security.protocol"=SASL_SSL, which the caller puts over this
      props.put(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, "SASL_PLAINTEXT");
    });
    return props;
  }

  private static String loginModule(String mechanism) {
    if (mechanism.startsWith("SCRAM-")) {
      return "org.apache.kafka.common.security.scram.ScramLoginModule";
    }
    if (mechanism.equals("PLAIN")) {
      return "org.apache.kafka.common.security.plain.PlainLoginModule";
    }
    throw new IllegalArgumentException("nest.kafka.sasl-mechanism " + mechanism
        + " takes no username and password: configure it with nest.kafka.properties.\"sasl.jaas.config\"");
  }

  /**
   * A JAAS option value: Kafka's parser reads a double-quoted string the way {@link java.io.StreamTokenizer} does, so a
   * quote, a backslash or a line break inside it must be escaped, or the password ends early (or the login fails).
   */
  static String quoted(String value) {
    StringBuilder out = new StringBuilder("\"");
    for (char c : value.toCharArray()) {
      switch (c) {
        case '"', '\\' -> out.append('\\').append(c);
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        default -> out.append(c);
      }
    }
    return out.append('"').toString();
  }
}
