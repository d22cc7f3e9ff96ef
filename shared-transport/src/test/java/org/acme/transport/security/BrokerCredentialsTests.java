package org.acme.transport.security;

import static org.acme.transport.testing.ManagementPort.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;

import io.nats.client.Message;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.acme.transport.mqtt.MqttLink;
import org.acme.transport.nats.NatsLink;
import org.acme.transport.testing.BrokerProcess;
import org.acme.transport.testing.Commands;
import org.acme.transport.testing.TestCertificates;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * NATS, Redis and MQTT over TLS with credentials, against brokers of the test's own that refuse anyone else, with
 * certificates made now. At first each one refuses the service (NATS shows a certificate from an untrusted CA, Redis and
 * Mosquitto know another password): readiness is DOWN and names each broker, the service lives, and no password shows.
 * Then each broker is put right, live, and the service connects by itself and works over it.
 */
@QuarkusTest
@TestProfile(BrokerCredentialsTests.SecureBrokers.class)
class BrokerCredentialsTests {

  static final TestCertificates CERTS = TestCertificates.create();
  static final String PASSWORD = "pw-" + UUID.randomUUID();
  /** Everything the service logs while the test runs: the refusals must be there, the password never. */
  static final java.nio.file.Path LOG = CERTS.dir().resolve("service.log");
  static final String ADMIN_PASSWORD = "admin-" + UUID.randomUUID();
  static final Path MQTT_PASSWORDS = CERTS.dir().resolve("mosquitto.passwd");

  static final BrokerProcess NATS = BrokerProcess.natsConfigured(natsConfig(CERTS.rogueServerCert(), CERTS.rogueServerKey())).start();
  static final BrokerProcess REDIS = BrokerProcess.redis("--port", "0", "--tls-port", "{port}",
      "--tls-cert-file", CERTS.serverCert().toString(), "--tls-key-file", CERTS.serverKey().toString(),
      "--tls-ca-cert-file", CERTS.ca().toString(), "--tls-auth-clients", "no",
      "--user", "default", "off", "--user", "admin", "on", ">" + ADMIN_PASSWORD, "~*", "&*", "+@all",
      "--user", "svc", "on", ">not-" + PASSWORD, "~*", "&*", "+@all").start();
  static final BrokerProcess MOSQUITTO = mosquittoWithPassword("not-" + PASSWORD);

  public static class SecureBrokers implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.ofEntries(
          Map.entry("quarkus.log.file.enabled", "true"),
          Map.entry("quarkus.log.file.path", LOG.toString()),
          Map.entry("quarkus.tls.brokers.trust-store.pem.certs", CERTS.ca().toString()),
          Map.entry("quarkus.tls.brokers.hostname-verification-algorithm", "HTTPS"),
          Map.entry("nest.reconnect-delay", "300ms"),
          Map.entry("nest.nats.url", "nats://127.0.0.1:" + NATS.port()),
          Map.entry("nest.nats.username", "svc"),
          Map.entry("nest.nats.password", PASSWORD),
          Map.entry("nest.nats.tls-configuration-name", "brokers"),
          Map.entry("nest.redis.enabled", "true"),
          // Quarkus's Redis client takes an ACL user only in the URL; the link never shows a URL's credentials
          Map.entry("quarkus.redis.hosts", "rediss://svc:" + PASSWORD + "@127.0.0.1:" + REDIS.port()),
          Map.entry("quarkus.redis.tls-configuration-name", "brokers"),
          Map.entry("nest.mqtt.port", String.valueOf(MOSQUITTO.port())),
          Map.entry("nest.mqtt.username", "svc"),
          Map.entry("nest.mqtt.password", PASSWORD),
          Map.entry("nest.mqtt.tls-configuration-name", "brokers"));
    }
  }

  @Inject
  NatsLink nats;
  @Inject
  MqttLink mqtt;
  @Inject
  RedisDataSource redis;

  @Test
  void refusedWhileWrongThenConnectedOnceRightAndNoPasswordShows() throws Exception {
    String refused = given().get("/q/health/ready").then().statusCode(503)
        .body("checks.find { it.name == 'nats' }.status", is("DOWN"))
        .body("checks.find { it.name == 'redis' }.status", is("DOWN"))
        .body("checks.find { it.name == 'mqtt' }.status", is("DOWN"))
        .body("checks.find { it.name == 'redis' }.data.error", containsString("redis at rediss://127.0.0.1:" + REDIS.port()))
        .body("checks.find { it.name == 'redis' }.data.error", containsString("WRONGPASS"))
        .body("checks.find { it.name == 'mqtt' }.data.error", containsString("NOT_AUTHORIZED"))
        .body("checks.find { it.name == 'nats' }.data.error", containsString("certification path"))
        .extract().asString();
    assertThat(refused).doesNotContain(PASSWORD).doesNotContain("svc@");
    given().get("/q/health/live").then().statusCode(200);

    NATS.configure(natsConfig(CERTS.serverCert(), CERTS.serverKey())).reload();
    redisCli("ACL", "SETUSER", "svc", "resetpass", ">" + PASSWORD);
    writeMqttPassword(PASSWORD);
    MOSQUITTO.reload();
    await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().get("/q/health/ready").then().statusCode(200));

    Message reply = nats.connection().orElseThrow().request("secure.echo." + UUID.randomUUID(), new byte[0], Duration.ofMillis(100));
    assertThat(reply).as("nobody answers, but NATS said so over TLS").isNull();
    redis.value(String.class).set("secure:probe", "kept");
    assertThat(redis.value(String.class).get("secure:probe")).isEqualTo("kept");
    List<String> heard = new CopyOnWriteArrayList<>();
    mqtt.subscribe("secure/probe", 1, message -> heard.add(message.payload().toString(StandardCharsets.UTF_8))).await().atMost(Duration.ofSeconds(5));
    mqtt.publish("secure/probe", "over mqtts", 1, false).await().atMost(Duration.ofSeconds(5));
    await().atMost(Duration.ofSeconds(5)).until(() -> heard.contains("over mqtts"));
    String logged = java.nio.file.Files.readString(LOG);
    assertThat(logged).contains("MQTT mqtts://127.0.0.1:" + MOSQUITTO.port() + ": cannot connect");
    assertThat(logged).contains("NATS nats://127.0.0.1:" + NATS.port());
    assertThat(logged).doesNotContain(PASSWORD);
  }

  @AfterAll
  static void stopBrokers() {
    NATS.kill();
    REDIS.kill();
    MOSQUITTO.kill();
  }

  private static String natsConfig(Path cert, Path key) {
    return """
        tls { cert_file: "%s", key_file: "%s" }
        authorization { user: svc, password: "%s" }""".formatted(cert, key, PASSWORD);
  }

  private static BrokerProcess mosquittoWithPassword(String password) {
    writeMqttPassword(password);
    return BrokerProcess.mosquittoConfigured("""
        allow_anonymous false
        password_file %s
        cafile %s
        certfile %s
        keyfile %s""".formatted(MQTT_PASSWORDS, CERTS.ca(), CERTS.serverCert(), CERTS.serverKey())).start();
  }

  private static void writeMqttPassword(String password) {
    Commands.run("mosquitto_passwd", "-c", "-b", MQTT_PASSWORDS.toString(), "svc", password);
  }

  private static void redisCli(String... command) {
    List<String> args = new java.util.ArrayList<>(List.of("redis-cli", "-h", "127.0.0.1", "-p", String.valueOf(REDIS.port()), "--tls",
        "--cacert", CERTS.ca().toString(), "--user", "admin", "--pass", ADMIN_PASSWORD, "--no-auth-warning"));
    args.addAll(List.of(command));
    Commands.run(args);
  }

}
