package org.acme.transport.security;

import static org.acme.transport.testing.ManagementPort.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.vertx.mutiny.core.buffer.Buffer;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.acme.transport.rmq.RmqLink;
import org.acme.transport.testing.BrokerProcess;
import org.acme.transport.testing.TestCertificates;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * RabbitMQ over {@code amqps} with a user of the service's own (no guest), against a RabbitMQ node of the test's own
 * that listens on TLS only, with a certificate made now. The node knows the user with another password at first:
 * readiness DOWN names RabbitMQ and the refusal, and no password shows; once the operator changes it
 * ({@code rabbitmqctl change_password}), the service connects by itself and a message goes through a queue.
 */
@QuarkusTest
@TestProfile(RabbitCredentialsTests.SecureRabbit.class)
class RabbitCredentialsTests {

  static final TestCertificates CERTS = TestCertificates.create();
  static final String PASSWORD = "pw-" + UUID.randomUUID();
  /** Everything the service logs while the test runs: the refusals must be there, the password never. */
  static final java.nio.file.Path LOG = CERTS.dir().resolve("service.log");
  static final BrokerProcess RABBITMQ = BrokerProcess.rabbitmqConfigured("""
      listeners.tcp = none
      listeners.ssl.default = 127.0.0.1:{port}
      ssl_options.cacertfile = %s
      ssl_options.certfile = %s
      ssl_options.keyfile = %s
      ssl_options.verify = verify_none
      default_user = svc
      default_pass = not-%s
      loopback_users = none""".formatted(CERTS.ca(), CERTS.serverCert(), CERTS.serverKey(), PASSWORD)).start();

  public static class SecureRabbit implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of("quarkus.log.file.enabled", "true", "quarkus.log.file.path", LOG.toString(),
          "quarkus.tls.rabbitmq.trust-store.pem.certs", CERTS.ca().toString(),
          "nest.rabbitmq.port", String.valueOf(RABBITMQ.port()),
          "nest.rabbitmq.username", "svc",
          "nest.rabbitmq.password", PASSWORD,
          "nest.rabbitmq.tls-configuration-name", "rabbitmq",
          "nest.reconnect-delay", "300ms");
    }
  }

  @Inject
  RmqLink rabbit;

  @Test
  void refusedWhileTheNodeKnowsAnotherPasswordThenAMessageGoesThrough() throws IOException {
    await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
      String refused = given().get("/q/health/ready").then().statusCode(503)
          .body("checks.find { it.name == 'rabbitmq' }.status", is("DOWN"))
          .body("checks.find { it.name == 'rabbitmq' }.data.address", is("amqps://127.0.0.1:" + RABBITMQ.port() + "/"))
          .extract().asString();
      assertThat(refused).doesNotContain(PASSWORD);
    });

    RABBITMQ.rabbitmqctl("change_password", "svc", PASSWORD);
    await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().get("/q/health/ready").then().statusCode(200));

    String queue = "secure-" + UUID.randomUUID();
    rabbit.client().queueDeclare(queue, false, false, true).await().atMost(Duration.ofSeconds(5));
    rabbit.client().basicPublish("", queue, Buffer.buffer("over amqps")).await().atMost(Duration.ofSeconds(5));
    await().atMost(Duration.ofSeconds(10)).until(() -> {
      var message = rabbit.client().basicGet(queue, true).await().atMost(Duration.ofSeconds(5));
      return message != null && "over amqps".equals(message.body().toString(StandardCharsets.UTF_8));
    });
    String logged = java.nio.file.Files.readString(LOG);
    assertThat(logged).contains("ACCESS_REFUSED");
    assertThat(logged).doesNotContain(PASSWORD);
  }

  @AfterAll
  static void stopRabbit() {
    RABBITMQ.kill();
  }


}
