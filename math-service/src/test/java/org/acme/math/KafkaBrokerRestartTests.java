package org.acme.math;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.acme.contracts.math.MathPatterns;
import org.acme.transport.client.NestClient;
import org.acme.transport.client.NestClients;
import org.acme.transport.testing.ClientFailures;
import org.acme.transport.testing.KafkaTestBroker;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * The broker goes away and comes back: requests meanwhile fail by their deadline, and afterwards the same server
 * and the same client serve again, requests and events alike, with no restart of the service. The broker is a
 * private one ({@link PrivateKafka}), never the shared one.
 */
@QuarkusTest
@TestProfile(KafkaBrokerRestartTests.Profile.class)
class KafkaBrokerRestartTests {

  public static class Profile implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of("nest.reconnect-delay", "200ms");
    }

    @Override
    public List<TestResourceEntry> testResources() {
      return List.of(new TestResourceEntry(PrivateKafka.class));
    }
  }

  private final NestClients clients;

  @ConfigProperty(name = "test.kafka.dir")
  String dir;

  @ConfigProperty(name = "test.kafka.port")
  int port;

  KafkaBrokerRestartTests(NestClients clients) {
    this.clients = clients;
  }

  private NestClient client() {
    return clients.get("math-kafka");
  }

  private boolean answers() {
    try {
      return client().send(MathPatterns.KAFKA_SUM, List.of(1, 2, 3), Integer.class).await().atMost(Duration.ofSeconds(6)) == 6;
    } catch (RuntimeException e) {
      return false;
    }
  }

  @Test
  void serverAndClientRecoverAfterABrokerRestart() throws Exception {
    KafkaWarmUp.untilAnswered(getClass(), client());
    assertThat(answers()).isTrue();

    KafkaTestBroker.kill(Path.of(dir));
    // no broker: the request fails by its deadline (math-kafka: 5 s), it does not hang
    ClientFailures.failsWithin(Duration.ofSeconds(7), client().send(MathPatterns.KAFKA_SUM, List.of(1), Integer.class));

    KafkaTestBroker.launch(Path.of(dir), port);
    await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500)).until(this::answers);

    String userId = "after-restart-" + UUID.randomUUID();
    client().emit(MathPatterns.USER_CREATED, Map.of("userId", userId, "email", "ada@example.com")).await().atMost(Duration.ofSeconds(15));
    await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(
        client().send(MathPatterns.KAFKA_USERS_SEEN, Map.of(), Object.class).await().atMost(Duration.ofSeconds(6)).toString()).contains(userId));
  }
}
