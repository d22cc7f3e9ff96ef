package org.acme.transport.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.Optional;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.config.types.Password;
import org.apache.kafka.common.security.JaasContext;
import org.junit.jupiter.api.Test;

/** {@code nest.kafka.username} and {@code password} become a JAAS line that Kafka's own parser reads back unchanged. */
class KafkaSaslTests {

  @Test
  void noUserNoSasl() {
    assertThat(KafkaSasl.settings(kafka(null, null, "SCRAM-SHA-512"))).isEmpty();
  }

  @Test
  void aPasswordWithQuotesBackslashesAndLineBreaksSurvivesTheJaasParser() {
    String password = "p\"w\\ord;\n x=\"y\" \r end";
    Map<String, Object> settings = KafkaSasl.settings(kafka("order-service", password, "SCRAM-SHA-512"));

    assertThat(settings).containsEntry("security.protocol", "SASL_PLAINTEXT").containsEntry("sasl.mechanism", "SCRAM-SHA-512");
    var entries = JaasContext.loadClientContext(Map.of(SaslConfigs.SASL_JAAS_CONFIG,
        new Password((String) settings.get(SaslConfigs.SASL_JAAS_CONFIG)))).configurationEntries();
    assertThat(entries).hasSize(1);
    assertThat(entries.get(0).getLoginModuleName()).isEqualTo("org.apache.kafka.common.security.scram.ScramLoginModule");
    Map<String, ?> options = entries.get(0).getOptions();
    assertThat(options.get("username")).isEqualTo("order-service");
    assertThat(options.get("password")).isEqualTo(password);
    assertThat(options).hasSize(2);
  }

  @Test
  void plainHasItsOwnLoginModuleAndOthersAreRefused() {
    assertThat((String) KafkaSasl.settings(kafka("u", "p", "PLAIN")).get(SaslConfigs.SASL_JAAS_CONFIG))
        .startsWith("org.apache.kafka.common.security.plain.PlainLoginModule required");
    assertThatThrownBy(() -> KafkaSasl.settings(kafka("u", "p", "GSSAPI"))).hasMessageContaining("sasl.jaas.config");
    assertThatThrownBy(() -> KafkaSasl.settings(kafka("u", null, "PLAIN"))).hasMessageContaining("nest.kafka.password");
  }

  private static KafkaBrokerConfig kafka(String username, String password, String mechanism) {
    return new KafkaBrokerConfig() {
      public boolean enabled() {
        return true;
      }

      public String bootstrapServers() {
        return "127.0.0.1:9092";
      }

      public Optional<String> username() {
        return Optional.ofNullable(username);
      }

      public Optional<String> password() {
        return Optional.ofNullable(password);
      }

      public String saslMechanism() {
        return mechanism;
      }

      public Map<String, String> properties() {
        return Map.of();
      }
    };
  }
}
