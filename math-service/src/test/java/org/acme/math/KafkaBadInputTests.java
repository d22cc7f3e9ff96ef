package org.acme.math;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.DoubleSupplier;
import org.acme.contracts.math.MathPatterns;
import org.acme.transport.client.NestClient;
import org.acme.transport.client.NestClients;
import org.acme.transport.testing.RawKafka;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.RecordsToDelete;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Bad records on Kafka, written byte by byte: each gets an error reply (when it names a reply topic) or a dead
 * letter on {@code <topic>.dlq}, the server logs it, commits past it and goes on serving. The server's handler
 * timeout is 2 s here, so a stuck handler ends with an error reply and its offset is committed.
 */
@QuarkusTest
@TestProfile(KafkaBadInputTests.Profile.class)
class KafkaBadInputTests {

  static final String GROUP = "math-service-badinput-" + UUID.randomUUID();
  private static final Duration WAIT = Duration.ofSeconds(15);
  private static RawKafka raw;
  private final NestClients clients;
  private final MeterRegistry meters;

  public static class Profile implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of("nest.server.handler-timeout", "2s", "nest.server.kafka.group-id", GROUP);
    }
  }

  KafkaBadInputTests(NestClients clients, MeterRegistry meters) {
    this.clients = clients;
    this.meters = meters;
  }

  @BeforeAll
  static void watch() {
    raw = new RawKafka(KafkaTestTopics.BOOTSTRAP, List.of("sum.reply", "sum.dlq", "never.reply", "user_created.reply", "user_created.dlq"));
  }

  @AfterAll
  static void stop() {
    raw.close();
  }

  @BeforeEach
  void serverIsConsuming() {
    KafkaWarmUp.untilAnswered(getClass(), client());
  }

  private NestClient client() {
    return clients.get("math-kafka");
  }

  private static Map<String, String> request(String id, String topic) {
    return Map.of("kafka_correlationId", id, "kafka_replyTopic", topic + ".reply", "kafka_replyPartition", "0");
  }

  private ConsumerRecord<byte[], byte[]> replyTo(String topic, String id) {
    await().atMost(WAIT).until(() -> !raw.seen(topic + ".reply", "kafka_correlationId", id).isEmpty());
    return raw.seen(topic + ".reply", "kafka_correlationId", id).get(0);
  }

  private void stillServes() {
    assertThat(client().send(MathPatterns.KAFKA_SUM, List.of(40, 2), Integer.class).await().atMost(WAIT)).isEqualTo(42);
  }

  @Test
  void bytesThatAreNotTextGetAnErrorReply() {
    String id = UUID.randomUUID().toString();
    raw.send("sum", new byte[] {(byte) 0xff, (byte) 0xfe, 0, (byte) 0xc3}, request(id, "sum"));
    ConsumerRecord<byte[], byte[]> reply = replyTo("sum", id);
    assertThat(reply.value()).isNull();
    assertThat(RawKafka.header(reply, "kafka_nest-err")).contains("\"status\":\"error\"").contains("not UTF-8");
    assertThat(reply.headers().lastHeader("kafka_nest-is-disposed").value()).containsExactly(0);
    stillServes();
  }

  @Test
  void invalidJsonIsTextAndTheHandlerSaysWhatIsWrong() {
    String id = UUID.randomUUID().toString();
    raw.send("sum", "[1, 2, oops".getBytes(StandardCharsets.UTF_8), request(id, "sum"));
    assertThat(RawKafka.header(replyTo("sum", id), "kafka_nest-err")).contains("Invalid payload");
    stillServes();
  }

  /**
   * Found by the fuzz: this used to fail inside Jackson, past the handler, and the request got no answer at all. (The
   * error reply is looked for among all: a Nest server of another build on this broker answers it too, with Infinity.)
   */
  @Test
  void anExponentNoDecimalCanHoldGetsAnErrorReply() {
    String id = UUID.randomUUID().toString();
    raw.send("sum", "[1e999999999999999999]".getBytes(StandardCharsets.UTF_8), request(id, "sum"));
    await().atMost(WAIT).untilAsserted(() -> assertThat(raw.seen("sum.reply", "kafka_correlationId", id))
        .extracting(reply -> RawKafka.header(reply, "kafka_nest-err")).anySatisfy(err -> assertThat(err)
            .contains("\"statusCode\":400").contains("number out of range")));
    stillServes();
  }

  /** Replies go only to the route's own reply topic, on a partition it has; anything else is dead-lettered at once. */
  @Test
  void aReplyTopicOrPartitionThatIsNotTheRoutesIsRefused() {
    String other = UUID.randomUUID().toString();
    raw.send("sum", "[1,2]".getBytes(StandardCharsets.UTF_8), Map.of("kafka_correlationId", other, "kafka_replyTopic", "never.reply",
        "kafka_replyPartition", "0"));
    String far = UUID.randomUUID().toString();
    long sent = System.nanoTime();
    raw.send("sum", "[1,2]".getBytes(StandardCharsets.UTF_8), Map.of("kafka_correlationId", far, "kafka_replyTopic", "sum.reply",
        "kafka_replyPartition", "99"));
    await().atMost(WAIT).until(() -> !raw.seen("sum.dlq", "kafka_correlationId", far).isEmpty());
    assertThat(Duration.ofNanos(System.nanoTime() - sent)).as("not blocked waiting for a partition that is not there").isLessThan(Duration.ofSeconds(5));
    await().atMost(WAIT).until(() -> !raw.seen("sum.dlq", "kafka_correlationId", other).isEmpty());
    assertThat(RawKafka.header(raw.seen("sum.dlq", "kafka_correlationId", other).get(0), "nest-dead-letter-reason")).contains("is not sum.reply");
    assertThat(raw.seen("never.reply", "kafka_correlationId", other)).as("nothing reflected onto another route's reply topic").isEmpty();
    stillServes();
  }

  /**
   * Dead letters waiting show as the gauge nest.server.dead.letters{transport=kafka,queue=sum.dlq}, read from the
   * broker (every 200 ms in tests): up by the three parked here, and down to 0 once the topic's records are deleted.
   */
  @Test
  void theDeadLetterTopicsDepthIsAGauge() throws Exception {
    DoubleSupplier depth = () -> meters.get("nest.server.dead.letters").tag("transport", "kafka").tag("queue", "sum.dlq")
        .gauge().value();
    stillServes();
    double before = depth.getAsDouble();
    for (int i = 0; i < 3; i++) {
      raw.send("sum", "[1,2]".getBytes(StandardCharsets.UTF_8), Map.of("kafka_correlationId", UUID.randomUUID().toString(),
          "kafka_replyTopic", "never.reply", "kafka_replyPartition", "0"));
    }
    await().atMost(WAIT).until(() -> depth.getAsDouble() >= before + 3);
    try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaTestTopics.BOOTSTRAP))) {
      Map<TopicPartition, RecordsToDelete> all = new HashMap<>();
      admin.describeTopics(List.of("sum.dlq")).allTopicNames().get().get("sum.dlq").partitions().forEach(partition ->
          all.put(new TopicPartition("sum.dlq", partition.partition()), RecordsToDelete.beforeOffset(-1)));
      admin.deleteRecords(all).all().get(10, TimeUnit.SECONDS);
    }
    await().atMost(WAIT).until(() -> depth.getAsDouble() == 0);
  }

  /** A request read after its sender gave up (after a restart, say) is answered 504 and not started. */
  @Test
  void aRequestWhoseDeadlinePassedIsNotStarted() {
    String id = UUID.randomUUID().toString();
    Map<String, String> headers = new java.util.HashMap<>(request(id, "sum"));
    headers.put("x-deadline", String.valueOf(System.currentTimeMillis() - 60_000));
    raw.send("sum", "[1,2]".getBytes(StandardCharsets.UTF_8), headers);
    assertThat(RawKafka.header(replyTo("sum", id), "kafka_nest-err")).contains("\"statusCode\":504");
    stillServes();
  }

  @Test
  void aRequestWithAHeaderThatIsNoMetadataGetsAnErrorReply() {
    String id = UUID.randomUUID().toString();
    Map<String, String> headers = new java.util.HashMap<>(request(id, "sum"));
    headers.put("x-ctl", "a\u0001b");
    raw.send("sum", "[1,2]".getBytes(StandardCharsets.UTF_8), headers);
    assertThat(RawKafka.header(replyTo("sum", id), "kafka_nest-err")).contains("metadata 'x-ctl' has the character U+0001");
    stillServes();
  }

  @Test
  void anEventWithAHeaderThatIsNoMetadataIsDeadLettered() {
    String marker = UUID.randomUUID().toString();
    raw.send(MathPatterns.USER_CREATED, "{\"userId\":\"u\",\"email\":\"u@example.com\"}".getBytes(StandardCharsets.UTF_8),
        Map.of("test-marker", marker, "x-ctl", "\u007f"));
    await().atMost(WAIT).until(() -> !raw.seen("user_created.dlq", "test-marker", marker).isEmpty());
    assertThat(RawKafka.header(raw.seen("user_created.dlq", "test-marker", marker).get(0), "nest-dead-letter-reason"))
        .contains("metadata 'x-ctl' has the character U+007F");
    stillServes();
  }

  @Test
  void aRecordWithoutCorrelationOnARequestTopicIsDeadLettered() {
    String marker = UUID.randomUUID().toString();
    raw.send("sum", "[1,2]".getBytes(StandardCharsets.UTF_8), Map.of("test-marker", marker));
    await().atMost(WAIT).until(() -> !raw.seen("sum.dlq", "test-marker", marker).isEmpty());
    ConsumerRecord<byte[], byte[]> dead = raw.seen("sum.dlq", "test-marker", marker).get(0);
    assertThat(new String(dead.value(), StandardCharsets.UTF_8)).isEqualTo("[1,2]");
    assertThat(RawKafka.header(dead, "nest-dead-letter-reason")).contains("no event handler");
    stillServes();
  }

  @Test
  void aRequestWithoutAReplyTopicIsDeadLettered() {
    String id = UUID.randomUUID().toString();
    raw.send("sum", "[1,2]".getBytes(StandardCharsets.UTF_8), Map.of("kafka_correlationId", id));
    await().atMost(WAIT).until(() -> !raw.seen("sum.dlq", "kafka_correlationId", id).isEmpty());
    assertThat(RawKafka.header(raw.seen("sum.dlq", "kafka_correlationId", id).get(0), "nest-dead-letter-reason"))
        .contains("kafka_replyTopic");
    stillServes();
  }

  @Test
  void anEventHandlerThatFailsIsNoPoisonPillAndItsEventIsDeadLettered() {
    String marker = UUID.randomUUID().toString();
    raw.send(MathPatterns.USER_CREATED, "\"not a user\"".getBytes(StandardCharsets.UTF_8), Map.of("test-marker", marker));
    raw.send(MathPatterns.USER_CREATED, new byte[] {(byte) 0xff}, Map.of());
    String userId = "after-poison-" + UUID.randomUUID();
    client().emit(MathPatterns.USER_CREATED, Map.of("userId", userId, "email", "ada@example.com")).await().atMost(WAIT);
    await().atMost(WAIT).untilAsserted(() -> assertThat(
        client().send(MathPatterns.KAFKA_USERS_SEEN, Map.of(), Object.class).await().atMost(WAIT).toString()).contains(userId));
    await().atMost(WAIT).until(() -> !raw.seen("user_created.dlq", "test-marker", marker).isEmpty());
    assertThat(RawKafka.header(raw.seen("user_created.dlq", "test-marker", marker).get(0), "nest-dead-letter-reason"))
        .contains("the event handler failed").contains("Invalid payload");
  }

  @Test
  void aStuckHandlerEndsAtTheServerTimeoutAndOnlyThenIsCommitted() throws Exception {
    String id = UUID.randomUUID().toString();
    long sent = System.nanoTime();
    RecordMetadata stuck = raw.send("never", "{}".getBytes(StandardCharsets.UTF_8), request(id, "never"));
    TopicPartition partition = new TopicPartition("never", stuck.partition());
    stillServes(); // while it hangs
    assertThat(committed(partition)).as("nothing committed past a record still in flight").isLessThanOrEqualTo(stuck.offset());

    ConsumerRecord<byte[], byte[]> reply = replyTo("never", id);
    assertThat(Duration.ofNanos(System.nanoTime() - sent)).isGreaterThanOrEqualTo(Duration.ofMillis(1900));
    assertThat(RawKafka.header(reply, "kafka_nest-err")).isEqualTo("{\"status\":\"error\",\"statusCode\":500,\"message\":\"Internal server error\"}");
    await().atMost(WAIT).untilAsserted(() -> assertThat(committed(partition)).isGreaterThan(stuck.offset()));
  }

  private static long committed(TopicPartition partition) throws Exception {
    try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaTestTopics.BOOTSTRAP))) {
      Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(GROUP)
          .partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS);
      OffsetAndMetadata offset = offsets.get(partition);
      return offset == null ? -1 : offset.offset();
    }
  }

}
