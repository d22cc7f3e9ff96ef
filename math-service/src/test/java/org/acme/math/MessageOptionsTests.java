package org.acme.math;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.GetResponse;
import io.nats.client.Message;
import io.nats.client.Nats;
import io.nats.client.Subscription;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mqtt.MqttClientOptions;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.mqtt.MqttClient;
import io.vertx.mutiny.mqtt.messages.MqttPublishMessage;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.acme.contracts.math.MathPatterns;
import org.acme.transport.client.MessageOptions;
import org.acme.transport.client.NestClients;
import org.acme.transport.codec.NestCodec;
import org.acme.transport.testing.FreePorts;
import org.acme.transport.testing.RawKafka;
import org.acme.transport.testing.SharedBrokers;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * Each transport's own per-call options, read off the real broker by a bare client of it: Kafka key, partition and
 * headers; AMQP delivery mode, priority, expiration and headers; NATS headers; MQTT QoS and retain. The metadata
 * rides along everywhere (the handler's side of it is {@code MathContract#metadataReachesTheHandler}).
 */
@QuarkusTest
@QuarkusTestResource(FreePorts.class)
@QuarkusTestResource(UniqueBrokerNames.class)
class MessageOptionsTests {

  private static final Duration WAIT = Duration.ofSeconds(10);
  private static final Map<String, String> METADATA = Map.of("x-request-id", "options-1");

  private final NestClients clients;
  private final Vertx vertx;

  MessageOptionsTests(NestClients clients, Vertx vertx) {
    this.clients = clients;
    this.vertx = vertx;
  }

  @Test
  void kafkaRecordsCarryTheKeyThePartitionAndTheMetadataAsHeaders() {
    String topic = "options_probe_" + UUID.randomUUID().toString().substring(0, 8);
    RawKafka.ensureTopics(KafkaTestTopics.BOOTSTRAP, List.of(topic), 3);
    try (RawKafka kafka = new RawKafka(KafkaTestTopics.BOOTSTRAP, List.of(topic))) {
      clients.get("math-kafka").emit(topic, Map.of("n", 1),
          MessageOptions.builder().metadata(METADATA).kafkaKey("customer-7").kafkaPartition(2).build()).await().atMost(WAIT);
      await().atMost(WAIT).until(() -> !kafka.seen(topic).isEmpty());
      ConsumerRecord<byte[], byte[]> record = kafka.seen(topic).get(0);
      assertThat(record.partition()).isEqualTo(2);
      assertThat(new String(record.key(), StandardCharsets.UTF_8)).isEqualTo("customer-7");
      assertThat(RawKafka.header(record, "x-request-id")).isEqualTo("options-1");
      assertThat(new String(record.value(), StandardCharsets.UTF_8)).isEqualTo("{\"n\":1}");
    }
  }

  @Test
  void kafkaRefusesMetadataInNestsOwnHeaderNames() {
    MessageOptions options = MessageOptions.builder().metadata("kafka_correlationId", "mine").build();
    assertThatThrownBy(() -> clients.get("math-kafka").emit(MathPatterns.USER_CREATED, Map.of("userId", "x"), options).await().atMost(WAIT))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("kafka_ prefix");
  }

  @Test
  void rabbitMqMessagesCarryTheirPropertiesAndTheMetadataTwice() throws Exception {
    try (var connection = SharedBrokers.rabbit(); Channel channel = connection.createChannel()) {
      emptyProbeQueue(channel);
      clients.get("rmq-options").emit(MathPatterns.USER_CREATED, Map.of("userId", "x"), MessageOptions.builder().metadata(METADATA)
          .rmqPersistent(true).rmqPriority(7).rmqExpiration(Duration.ofMinutes(1)).rmqHeader("x-amqp", "yes").build()).await().atMost(WAIT);
      GetResponse event = channel.basicGet("options_probe.math-tests", true);
      AMQP.BasicProperties props = event.getProps();
      assertThat(props.getDeliveryMode()).isEqualTo(2);
      assertThat(props.getPriority()).isEqualTo(7);
      assertThat(props.getExpiration()).isEqualTo("60000");
      assertThat(props.getHeaders()).extractingByKeys("x-request-id", "x-amqp").extracting(String::valueOf).containsExactly("options-1", "yes");
      assertThat(NestCodec.parse(event.getBody()).path("metadata").path("x-request-id").asText()).isEqualTo("options-1");
    }
  }

  /** A client configured persistent (the saga's payments client) sends persistent messages unless a call says otherwise. */
  @Test
  void aPersistentClientSendsPersistentMessages() throws Exception {
    try (var connection = SharedBrokers.rabbit(); Channel channel = connection.createChannel()) {
      emptyProbeQueue(channel);
      clients.get("rmq-durable").emit(MathPatterns.USER_CREATED, Map.of("userId", "x")).await().atMost(WAIT);
      clients.get("rmq-durable").emit(MathPatterns.USER_CREATED, Map.of("userId", "y"), MessageOptions.builder().rmqPersistent(false).build())
          .await().atMost(WAIT);
      assertThat(channel.basicGet("options_probe.math-tests", true).getProps().getDeliveryMode()).isEqualTo(2);
      assertThat(channel.basicGet("options_probe.math-tests", true).getProps().getDeliveryMode()).isEqualTo(1);
    }
  }

  /** A client that says nothing of persistence: its requests (commands) are persistent, its events transient as Nest's. */
  @Test
  void requestsArePersistentByDefaultAndEventsAsNestSendsThem() throws Exception {
    try (var connection = SharedBrokers.rabbit(); Channel channel = connection.createChannel()) {
      emptyProbeQueue(channel);
      clients.get("rmq-options").emit(MathPatterns.USER_CREATED, Map.of("userId", "x")).await().atMost(WAIT);
      assertThat(channel.basicGet("options_probe.math-tests", true).getProps().getDeliveryMode()).isEqualTo(1);
      // nobody consumes the queue: the request fails by its deadline, but its message is read here first
      clients.get("rmq-options").send(MathPatterns.MULTIPLY, Map.of("a", 1, "b", 2), Object.class).subscribe().with(x -> { }, e -> { });
      GetResponse[] request = new GetResponse[1];
      await().atMost(WAIT).until(() -> (request[0] = channel.basicGet("options_probe.math-tests", true)) != null);
      assertThat(request[0].getProps().getDeliveryMode()).isEqualTo(2);
    }
  }

  @Test
  void aRabbitMqRequestNeverOutlivesItsDeadline() throws Exception {
    try (var connection = SharedBrokers.rabbit(); Channel channel = connection.createChannel()) {
      emptyProbeQueue(channel);
      // nobody consumes the queue: the request fails by its deadline (5 s), but its message is read here first
      clients.get("rmq-options").send(MathPatterns.MULTIPLY, Map.of("a", 1, "b", 2),
          MessageOptions.builder().rmqExpiration(Duration.ofHours(1)).build(), Object.class).subscribe().with(x -> { }, e -> { });
      clients.get("rmq-options").send(MathPatterns.MULTIPLY, Map.of("a", 1, "b", 2),
          MessageOptions.builder().rmqExpiration(Duration.ofSeconds(3)).build(), Object.class).subscribe().with(x -> { }, e -> { });
      List<String> expirations = new java.util.ArrayList<>();
      await().atMost(WAIT).until(() -> {
        GetResponse request = channel.basicGet("options_probe.math-tests", true);
        if (request != null) {
          expirations.add(request.getProps().getExpiration());
        }
        return expirations.size() == 2;
      });
      // what was left of the deadline when each was sent: the client's 5 s, and the options' 3 s, shorter
      assertThat(expirations).hasSize(2).allSatisfy(e -> assertThat(Long.parseLong(e)).isBetween(2000L, 5000L));
      assertThat(expirations.stream().mapToLong(Long::parseLong).max().getAsLong()).isGreaterThan(3000L);
      assertThat(expirations.stream().mapToLong(Long::parseLong).min().getAsLong()).isLessThanOrEqualTo(3000L);
    }
  }

  @Test
  void natsMessagesCarryTheHeadersAndTheMetadataTwice() throws Exception {
    String subject = "options_probe." + UUID.randomUUID();
    try (var nats = Nats.connect("nats://127.0.0.1:4222")) {
      Subscription subscription = nats.subscribe(subject);
      nats.flush(WAIT);
      clients.get("math-nats").emit(subject, Map.of("n", 1), MessageOptions.builder().metadata(METADATA).natsHeader("x-nats", "yes").build())
          .await().atMost(WAIT);
      Message message = subscription.nextMessage(WAIT);
      assertThat(message.getHeaders().getFirst("x-request-id")).isEqualTo("options-1");
      assertThat(message.getHeaders().getFirst("x-nats")).isEqualTo("yes");
      JsonNode body = NestCodec.parse(message.getData());
      assertThat(body.path("metadata").path("x-request-id").asText()).isEqualTo("options-1");
      assertThat(body.path("metadata").has("x-nats")).as("headers of the NATS options are headers only").isFalse();
    }
  }

  @Test
  void anMqttEventCanBeRetainedAtTheQosAsked() {
    String topic = "options_probe/" + UUID.randomUUID();
    clients.get("math-mqtt").emit(topic, Map.of("n", 1), MessageOptions.builder().metadata(METADATA).mqttQos(2).mqttRetain(true).build())
        .await().atMost(WAIT);
    // subscribed only now: the broker hands over the retained message
    BlockingQueue<MqttPublishMessage> received = new ArrayBlockingQueue<>(4);
    MqttClient late = MqttClient.create(vertx, new MqttClientOptions().setClientId("options-" + UUID.randomUUID()));
    late.publishHandler(received::add);
    late.connect(1883, "127.0.0.1").await().atMost(WAIT);
    try {
      late.subscribe(topic, 2).await().atMost(WAIT);
      MqttPublishMessage message = received.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
      assertThat(message).as("the retained event").isNotNull();
      assertThat(message.isRetain()).isTrue();
      assertThat(message.qosLevel()).isEqualTo(MqttQoS.EXACTLY_ONCE);
      assertThat(NestCodec.parse(message.payload().getBytes()).path("metadata").path("x-request-id").asText()).isEqualTo("options-1");
      // clear the retained message
      late.publish(topic, Buffer.buffer(), MqttQoS.AT_LEAST_ONCE, false, true).await().atMost(WAIT);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    } finally {
      late.disconnect().await().atMost(WAIT);
    }
  }

  @Test
  void anMqttRequestIsNeverRetained() {
    MessageOptions retained = MessageOptions.builder().mqttRetain(true).build();
    assertThatThrownBy(() -> clients.get("math-mqtt").send(MathPatterns.MULTIPLY, Map.of("a", 1, "b", 2), retained, Object.class).await().atMost(WAIT))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cannot be retained");
  }

  @Test
  void aMistakeFailsWhereItIsMade() {
    assertThatThrownBy(() -> MessageOptions.builder().metadata("x id", "v")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("has the character ' '");
    assertThatThrownBy(() -> MessageOptions.builder().metadata("x-id", "line\nbreak")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("U+000A");
    assertThatThrownBy(() -> MessageOptions.builder().rmqPriority(256)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> MessageOptions.builder().mqttQos(3)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> MessageOptions.builder().kafkaPartition(-1)).isInstanceOf(IllegalArgumentException.class);
  }

  /** The queue the rmq-options and rmq-durable clients send to, which nobody consumes: there and empty. */
  private static void emptyProbeQueue(Channel channel) throws java.io.IOException {
    channel.queueDeclare("options_probe.math-tests", true, false, false, null);
    channel.queuePurge("options_probe.math-tests");
  }
}
