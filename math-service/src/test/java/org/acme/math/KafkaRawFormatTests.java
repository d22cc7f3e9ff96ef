package org.acme.math;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.acme.contracts.math.MathPatterns;
import org.acme.math.service.UsersSeen;
import org.acme.transport.testing.RawKafka;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A producer that knows nothing of Nest (kafka-clients, byte by byte) writes plain JSON records; with
 * {@code nest.server.kafka.format=raw} each is an event of its topic. A value that is not JSON is dead-lettered with
 * the reason (Nest's format would hand it on as text), and Nest's correlation headers do not make a request.
 */
@QuarkusTest
@TestProfile(KafkaRawFormatTests.Profile.class)
class KafkaRawFormatTests {

  private static final Duration WAIT = Duration.ofSeconds(20);
  private static final String TOPIC = MathPatterns.USER_CREATED;
  private static RawKafka raw;
  private final UsersSeen seen;

  public static class Profile implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      // NestClients kept though no test here injects it: the clients' keys in application.properties need their root
      return Map.of("nest.server.kafka.format", "raw", "nest.server.kafka.group-id", "math-service-raw-" + UUID.randomUUID(),
          "quarkus.arc.unremovable-types", "org.acme.transport.client.NestClients");
    }
  }

  KafkaRawFormatTests(UsersSeen seen) {
    this.seen = seen;
  }

  @BeforeAll
  static void watch() {
    raw = new RawKafka(KafkaTestTopics.BOOTSTRAP, List.of(TOPIC + ".dlq", TOPIC + ".reply"));
  }

  @AfterAll
  static void stop() {
    raw.close();
  }

  /** The group starts at the latest offset once it has its partitions: until then a record would pass it by. */
  @BeforeEach
  void serverIsConsuming() {
    String id = "warm-" + UUID.randomUUID();
    await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() -> {
      send(TOPIC, "{\"userId\":\"" + id + "\"}", Map.of());
      return seen.on("kafka").contains(id);
    });
  }

  @Test
  void aPlainJsonRecordIsAnEventOfItsTopic() {
    String id = "raw-" + UUID.randomUUID();
    send(TOPIC, "{\"userId\":\"" + id + "\"}", Map.of("source", "plain-producer"));
    await().atMost(WAIT).until(() -> seen.on("kafka").contains(id));
  }

  @Test
  void aValueThatIsNotJsonIsDeadLetteredAndTheNextIsHandled() {
    String marker = "not json " + UUID.randomUUID();
    String next = "raw-" + UUID.randomUUID();
    send(TOPIC, marker, Map.of());
    send(TOPIC, "{\"userId\":\"" + next + "\"}", Map.of());
    await().atMost(WAIT).until(() -> seen.on("kafka").contains(next));
    var dead = await().atMost(WAIT).until(() -> raw.seen(TOPIC + ".dlq").stream()
        .filter(r -> new String(r.value(), StandardCharsets.UTF_8).equals(marker)).findFirst(), found -> found.isPresent()).get();
    assertThat(RawKafka.header(dead, "nest-dead-letter-reason")).contains("not valid JSON");
    assertThat(seen.on("kafka")).noneMatch(user -> user.contains("not json"));
  }

  /** Nest's correlation headers on a raw server: still an event, handled, and nobody is answered. */
  @Test
  void correlationHeadersDoNotMakeARequest() {
    String id = "raw-" + UUID.randomUUID();
    send(TOPIC, "{\"userId\":\"" + id + "\"}", Map.of("kafka_correlationId", id, "kafka_replyTopic", TOPIC + ".reply"));
    await().atMost(WAIT).until(() -> seen.on("kafka").contains(id));
    assertThat(raw.seen(TOPIC + ".reply", "kafka_correlationId", id)).isEmpty();
  }

  private static void send(String topic, String value, Map<String, String> headers) {
    raw.send(topic, value.getBytes(StandardCharsets.UTF_8), headers);
  }
}
