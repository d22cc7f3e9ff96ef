package org.acme.transport.security;

import static org.acme.transport.testing.ManagementPort.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.acme.transport.kafka.KafkaLink;
import org.acme.transport.testing.FreePorts;
import org.acme.transport.testing.KafkaTestBroker;
import org.acme.transport.testing.TestCertificates;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Kafka over SASL_SSL with SCRAM-SHA-512, through {@code nest.kafka.properties.*} (which every producer, consumer and
 * admin of a service starts from), against a Kafka of the test's own with a certificate made now. The broker knows the
 * service's user with another password at first: readiness DOWN names Kafka and the failed authentication, and no
 * password shows; once the operator sets the right one, the service connects by itself, and records go both ways.
 */
@QuarkusTest
@TestProfile(KafkaCredentialsTests.SecureKafka.class)
class KafkaCredentialsTests {

  static final TestCertificates CERTS = TestCertificates.create();
  static final String PASSWORD = "pw-" + UUID.randomUUID();
  /** Everything the service logs while the test runs: the refusals must be there, the password never. */
  static final java.nio.file.Path LOG = CERTS.dir().resolve("service.log");
  static final int PORT = FreePorts.free();
  static final int INTERNAL_PORT = FreePorts.free();
  static final Path BROKER = start();

  public static class SecureKafka implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of("quarkus.log.file.enabled", "true", "quarkus.log.file.path", LOG.toString(),
          "nest.kafka.bootstrap-servers", "127.0.0.1:" + PORT,
          "nest.kafka.properties.\"security.protocol\"", "SASL_SSL",
          "nest.kafka.properties.\"sasl.mechanism\"", "SCRAM-SHA-512",
          "nest.kafka.properties.\"sasl.jaas.config\"",
          "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"svc\" password=\"" + PASSWORD + "\";",
          "nest.kafka.properties.\"ssl.truststore.type\"", "PEM",
          "nest.kafka.properties.\"ssl.truststore.location\"", CERTS.ca().toString());
    }
  }

  @Inject
  KafkaLink kafka;

  @Test
  void refusedWhileTheBrokerKnowsAnotherPasswordThenRecordsGoBothWays() throws IOException {
    String refused = given().get("/q/health/ready").then().statusCode(503)
        .body("checks.find { it.name == 'kafka' }.status", is("DOWN"))
        .body("checks.find { it.name == 'kafka' }.data.error", containsString("kafka at 127.0.0.1:" + PORT))
        .body("checks.find { it.name == 'kafka' }.data.error", containsString("Authentication failed"))
        .extract().asString();
    assertThat(refused).doesNotContain(PASSWORD);

    try (Admin operator = Admin.create(Map.of("bootstrap.servers", "127.0.0.1:" + INTERNAL_PORT))) {
      operator.alterUserScramCredentials(List.of(new UserScramCredentialUpsertion("svc",
          new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, 4096), PASSWORD))).all().get();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
    await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().get("/q/health/ready").then().statusCode(200));

    String topic = "secure-" + UUID.randomUUID();
    Map<String, Object> producerConfig = new HashMap<>(kafka.baseConfig());
    try (KafkaProducer<String, String> producer = new KafkaProducer<>(producerConfig, new StringSerializer(), new StringSerializer())) {
      producer.send(new ProducerRecord<>(topic, "over SASL_SSL")).get();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
    Map<String, Object> consumerConfig = new HashMap<>(kafka.baseConfig());
    consumerConfig.put(ConsumerConfig.GROUP_ID_CONFIG, "secure-" + UUID.randomUUID());
    consumerConfig.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(consumerConfig, new StringDeserializer(), new StringDeserializer())) {
      consumer.subscribe(List.of(topic));
      List<String> heard = new java.util.ArrayList<>();
      await().atMost(Duration.ofSeconds(30)).until(() -> {
        ConsumerRecords<String, String> records = consumer.poll(Duration.ofMillis(200));
        records.forEach(record -> heard.add(record.value()));
        return heard.contains("over SASL_SSL");
      });
    }
    String logged = java.nio.file.Files.readString(LOG);
    assertThat(logged).contains("SaslAuthenticationException");
    assertThat(logged).doesNotContain(PASSWORD);
  }

  @AfterAll
  static void stopBroker() {
    KafkaTestBroker.remove(BROKER);
  }

  private static Path start() {
    try {
      Path keyAndCert = CERTS.dir().resolve("kafka-server.pem");
      Files.writeString(keyAndCert, Files.readString(CERTS.serverKey()) + Files.readString(CERTS.serverCert()));
      Path dir = KafkaTestBroker.formatSecure(PORT, INTERNAL_PORT, keyAndCert, CERTS.ca(), "svc", "not-" + PASSWORD);
      KafkaTestBroker.launch(dir, PORT);
      return dir;
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
