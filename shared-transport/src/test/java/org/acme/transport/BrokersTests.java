package org.acme.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.nats.client.Connection;
import io.nats.client.Message;
import io.nats.client.Subscription;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.rabbitmq.QueueOptions;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.acme.transport.kafka.KafkaLink;
import org.acme.transport.mqtt.MqttLink;
import org.acme.transport.nats.NatsLink;
import org.acme.transport.rmq.RmqLink;
import org.acme.transport.redis.RedisLink;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/** Each of the five brokers answers a real round trip through the link a service would use. */
@QuarkusTest
class BrokersTests {

  private static final Duration WITHIN = Duration.ofSeconds(20);
  private final String unique = UUID.randomUUID().toString();

  private final RedisLink redis;
  private final NatsLink nats;
  private final MqttLink mqtt;
  private final RmqLink rabbit;
  private final KafkaLink kafka;

  BrokersTests(RedisLink redis, NatsLink nats, MqttLink mqtt, RmqLink rabbit, KafkaLink kafka) {
    this.redis = redis;
    this.nats = nats;
    this.mqtt = mqtt;
    this.rabbit = rabbit;
    this.kafka = kafka;
  }

  @Test
  void redisStoresAndReturns() {
    var values = redis.dataSource().value(String.class);
    values.setex("brokers-test:" + unique, 60, "hello").await().atMost(WITHIN);
    assertThat(values.get("brokers-test:" + unique).await().atMost(WITHIN)).isEqualTo("hello");
  }

  @Test
  void natsDeliversToASubscriber() throws Exception {
    await().atMost(WITHIN).until(() -> nats.connection().isPresent());
    Connection connection = nats.connection().orElseThrow();
    Subscription subscription = connection.subscribe("brokers-test." + unique);
    connection.publish("brokers-test." + unique, "hello".getBytes(StandardCharsets.UTF_8));
    Message message = subscription.nextMessage(WITHIN);
    assertThat(message).isNotNull();
    assertThat(new String(message.getData(), StandardCharsets.UTF_8)).isEqualTo("hello");
    subscription.unsubscribe();
  }

  @Test
  void mqttDeliversAtQos1() throws Exception {
    await().atMost(WITHIN).until(mqtt::connected);
    CompletableFuture<String> received = new CompletableFuture<>();
    String topic = "brokers-test/" + unique;
    mqtt.subscribe(topic, 1, message -> received.complete(message.payload().toString())).await().atMost(WITHIN);
    mqtt.publish(topic, "hello", 1, false).await().atMost(WITHIN);
    assertThat(received.get(WITHIN.toSeconds(), TimeUnit.SECONDS)).isEqualTo("hello");
  }

  @Test
  void rabbitQueuesAndHandsBack() {
    await().atMost(WITHIN).until(rabbit::connected);
    var client = rabbit.client();
    String queue = "brokers-test-" + unique;
    client.queueDeclare(queue, false, true, true).await().atMost(WITHIN);
    var consumer = client.basicConsumer(queue, new QueueOptions().setAutoAck(true)).await().atMost(WITHIN);
    // listen before publishing: a message that reaches a consumer stream with no handler yet can be lost
    var received = consumer.toMulti().toUni().subscribeAsCompletionStage();
    client.basicPublish("", queue, Buffer.buffer("hello")).await().atMost(WITHIN);
    var message = Uni.createFrom().completionStage(received).await().atMost(WITHIN);
    assertThat(message.body().toString()).isEqualTo("hello");
    consumer.cancelAndAwait();
    client.queueDeleteAndAwait(queue);
  }

  @Test
  void kafkaStoresAndServesARecord() throws Exception {
    String topic = "brokers-test-" + unique;
    kafka.admin().createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get(20, TimeUnit.SECONDS);
    Map<String, Object> producerConfig = kafka.baseConfig();
    try (var producer = new KafkaProducer<>(producerConfig, new StringSerializer(), new StringSerializer())) {
      producer.send(new ProducerRecord<>(topic, "hello")).get(20, TimeUnit.SECONDS);
    }
    Map<String, Object> consumerConfig = kafka.baseConfig();
    consumerConfig.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    try (var consumer = new KafkaConsumer<>(consumerConfig, new StringDeserializer(), new StringDeserializer())) {
      consumer.assign(List.of(new TopicPartition(topic, 0)));
      ConsumerRecords<String, String> records = ConsumerRecords.empty();
      long deadline = System.nanoTime() + WITHIN.toNanos();
      while (records.isEmpty() && System.nanoTime() < deadline) {
        records = consumer.poll(Duration.ofMillis(500));
      }
      assertThat(records.count()).isEqualTo(1);
      assertThat(records.iterator().next().value()).isEqualTo("hello");
    }
    kafka.admin().deleteTopics(List.of(topic)).all().get(20, TimeUnit.SECONDS);
  }
}
