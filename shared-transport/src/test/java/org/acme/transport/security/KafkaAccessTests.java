package org.acme.transport.security;

import static org.acme.transport.testing.ManagementPort.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import org.acme.transport.client.NestClients;
import org.acme.transport.testing.AccessPolicies;
import org.acme.transport.testing.FreePorts;
import org.acme.transport.testing.KafkaTestBroker;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewPartitions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Least privilege for the saga (issue #13), on the compose image's broker as its own script starts it (SCRAM users,
 * StandardAuthorizer, the committed {@code scripts/access/kafka.acls}). This service is payment-service: it connects
 * with {@code nest.kafka.username} and {@code password} and emits {@code payment_completed} through the Kafka
 * transport. order-service's and api-gateway's users are refused when they try the same, nothing of theirs arrives,
 * and order-service's user reads the real event in its group; each service can do what its Kafka transport does.
 */
@QuarkusTest
@TestProfile(KafkaAccessTests.AsPaymentService.class)
class KafkaAccessTests {

  static final int PORT = FreePorts.free();
  static final AccessPolicies POLICIES = new AccessPolicies();
  static final Path BROKER = start();
  static final Path LOG = BROKER.resolve("service.log");

  public static class AsPaymentService implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of("quarkus.log.file.enabled", "true", "quarkus.log.file.path", LOG.toString(),
          "nest.kafka.bootstrap-servers", "127.0.0.1:" + PORT,
          "nest.kafka.username", "payment-service",
          "nest.kafka.password", POLICIES.password("payment-service"),
          "nest.client.orders.transport", "kafka",
          "nest.client.orders.timeout", "5s");
    }
  }

  @Inject
  NestClients clients;

  @Test
  void onlyPaymentServicePublishesPaymentEventsAndOrderServiceReadsThem() throws Exception {
    await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().get("/q/health/ready").then().statusCode(200));
    String paid = "{\"orderId\":\"ord-" + UUID.randomUUID() + "\",\"status\":\"COMPLETED\"}";
    clients.get("orders").emit("payment_completed", new com.fasterxml.jackson.databind.ObjectMapper().readTree(paid))
        .await().atMost(Duration.ofSeconds(20));

    for (String intruder : List.of("order-service", "api-gateway", "math-service")) {
      assertThatThrownBy(() -> produce(intruder, "payment_completed", "{\"forged-by\":\"" + intruder + "\"}"))
          .as(intruder).hasRootCauseInstanceOf(TopicAuthorizationException.class);
    }

    Map<String, Object> config = config("order-service");
    config.put(ConsumerConfig.GROUP_ID_CONFIG, "order-service");
    config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer())) {
      consumer.subscribe(List.of("payment_completed"));
      List<String> heard = new ArrayList<>();
      await().atMost(Duration.ofSeconds(30)).until(() -> {
        consumer.poll(Duration.ofMillis(200)).forEach(record -> heard.add(record.value()));
        return !heard.isEmpty();
      });
      consumer.poll(Duration.ofSeconds(1)).forEach(record -> heard.add(record.value()));
      assertThat(heard).as("the payment event, and nothing the refused users tried").hasSize(1);
      assertThat(heard.get(0)).contains("COMPLETED");
      consumer.commitSync();
    }
    assertThat(Files.readString(LOG)).doesNotContain(POLICIES.password("payment-service"));
  }

  /** What each Kafka transport does at start and per call, under its user: the servers' and the gateway's needs. */
  @Test
  void eachServiceCanDoWhatItsTransportDoes() throws Exception {
    // order-service's KafkaServer: creates its topics and grows them to nest.server.kafka.partitions, replies
    try (Admin admin = Admin.create(config("order-service"))) {
      ensure(admin, List.of("create_order", "create_order.reply", "payment_failed"), 3);
      assertThatThrownBy(() -> admin.createTopics(List.of(new NewTopic("sum", Optional.empty(), Optional.empty()))).all().get())
          .hasCauseInstanceOf(TopicAuthorizationException.class);
    }
    produce("order-service", "create_order.reply", "{\"success\":true}");
    assertThatThrownBy(() -> produce("order-service", "create_order", "{}")).hasRootCauseInstanceOf(TopicAuthorizationException.class);

    // math-service's server: any pattern, never the saga's
    try (Admin admin = Admin.create(config("math-service"))) {
      ensure(admin, List.of("multiply", "multiply.reply"), 2);
    }
    produce("math-service", "multiply.reply", "42");
    assertThatThrownBy(() -> produce("math-service", "create_order", "{\"customerId\":\"ada\"}"))
        .hasRootCauseInstanceOf(TopicAuthorizationException.class);

    // api-gateway's client: creates the request and reply topic, asks, reads the reply by manual assignment
    try (Admin admin = Admin.create(config("api-gateway"))) {
      ensure(admin, List.of("get_order", "get_order.reply"), 1);
    }
    produce("api-gateway", "multiply", "{\"a\":6,\"b\":7}");
    try (KafkaConsumer<String, String> replies = new KafkaConsumer<>(config("api-gateway"), new StringDeserializer(), new StringDeserializer())) {
      // every partition, as the gateway's reply listener reads them: the reply may be on either of the two
      List<TopicPartition> partitions = replies.partitionsFor("multiply.reply").stream()
          .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
      replies.assign(partitions);
      replies.seekToBeginning(partitions);
      List<String> heard = new ArrayList<>();
      await().atMost(Duration.ofSeconds(20)).until(() -> {
        replies.poll(Duration.ofMillis(200)).forEach(record -> heard.add(record.value()));
        return heard.contains("42");
      });
    }
  }

  private static void ensure(Admin admin, List<String> topics, int partitions) throws Exception {
    try {
      admin.createTopics(topics.stream().map(t -> new NewTopic(t, Optional.of(1), Optional.empty())).toList()).all().get();
    } catch (ExecutionException e) {
      if (!(e.getCause() instanceof org.apache.kafka.common.errors.TopicExistsException)) {
        throw e;
      }
    }
    // a topic just made is not known to every metadata request at once: ask until it is (as KafkaTopics does)
    await().atMost(Duration.ofSeconds(20)).ignoreException(ExecutionException.class)
        .until(() -> admin.describeTopics(Set.copyOf(topics)).allTopicNames().get().size() == topics.size());
    if (partitions > 1) {
      Map<String, NewPartitions> growing = new HashMap<>();
      topics.forEach(topic -> growing.put(topic, NewPartitions.increaseTo(partitions)));
      admin.createPartitions(growing).all().get();
    }
  }

  /** One record as the transports send it: idempotent, acks=all. */
  private static void produce(String user, String topic, String value) throws Exception {
    Map<String, Object> config = config(user);
    config.put(ProducerConfig.ACKS_CONFIG, "all");
    config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 10000);
    try (KafkaProducer<String, String> producer = new KafkaProducer<>(config, new StringSerializer(), new StringSerializer())) {
      producer.send(new ProducerRecord<>(topic, value)).get();
    }
  }

  private static Map<String, Object> config(String user) {
    return new HashMap<>(Map.of("bootstrap.servers", "127.0.0.1:" + PORT, "security.protocol", "SASL_PLAINTEXT",
        "sasl.mechanism", "SCRAM-SHA-512", "sasl.jaas.config",
        "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"" + user + "\" password=\""
            + POLICIES.password(user) + "\";"));
  }

  @AfterAll
  static void stopBroker() {
    KafkaTestBroker.remove(BROKER);
  }

  private static Path start() {
    try {
      return KafkaTestBroker.launchImage(PORT, POLICIES.environment());
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
