package org.acme.transport.kafka;

import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Vertx;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.acme.transport.Transport;
import org.acme.transport.metrics.AppGauges;
import org.acme.transport.metrics.DeadLetterGauges;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartition;

/**
 * The dead letters waiting in each served topic's {@code <topic>.dlq}, as the gauge
 * {@code nest.server.dead.letters{transport=kafka,queue}} (the RabbitMQ server's has the same name): records no handler
 * could take. Nobody consumes a dead-letter topic until someone looks, so its depth is what its partitions hold, the
 * latest offset minus the earliest; records removed by retention or {@code kafka-delete-records} leave it. Read
 * through the admin client every {@code nest.server.kafka.dead-letter-poll}, on a worker thread (the admin's answers
 * are awaited); a topic not made yet (dead letters are made on first use) reads 0.
 */
@Singleton
class KafkaDeadLetterDepth {

  private static final long ANSWER_WITHIN_SECONDS = 10;
  private final KafkaServerConfig config;
  private final KafkaLink link;
  private final KafkaServer server;
  private final AppGauges gauges;
  private final Vertx vertx;
  private DeadLetterGauges depths;

  KafkaDeadLetterDepth(KafkaServerConfig config, KafkaLink link, KafkaServer server, AppGauges gauges, Vertx vertx) {
    this.config = config;
    this.link = link;
    this.server = server;
    this.gauges = gauges;
    this.vertx = vertx;
  }

  void onStart(@Observes StartupEvent event) {
    if (!config.enabled()) {
      return;
    }
    depths = new DeadLetterGauges(gauges, vertx, Transport.KAFKA, server.topics().stream().map(KafkaWire::deadLetterTopic).toList());
    depths.readEvery(config.deadLetterPoll(), () -> vertx.executeBlocking(() -> {
      poll();
      return null;
    }, false));
  }

  private void poll() {
    try {
      Admin admin = link.admin();
      Set<String> made = admin.listTopics().names().get(ANSWER_WITHIN_SECONDS, TimeUnit.SECONDS);
      List<String> present = depths.queues().stream().filter(made::contains).toList();
      depths.queues().stream().filter(topic -> !made.contains(topic)).forEach(topic -> depths.set(topic, 0));
      if (present.isEmpty()) {
        return;
      }
      Map<String, TopicDescription> described = admin.describeTopics(present).allTopicNames()
          .get(ANSWER_WITHIN_SECONDS, TimeUnit.SECONDS);
      List<TopicPartition> partitions = described.values().stream().flatMap(topic -> topic.partitions().stream()
          .map(partition -> new TopicPartition(topic.name(), partition.partition()))).toList();
      Map<TopicPartition, Long> earliest = offsets(admin, partitions, OffsetSpec.earliest());
      Map<TopicPartition, Long> latest = offsets(admin, partitions, OffsetSpec.latest());
      Map<String, Long> held = partitions.stream().collect(Collectors.groupingBy(TopicPartition::topic,
          Collectors.summingLong(partition -> latest.get(partition) - earliest.get(partition))));
      held.forEach(depths::set);
    } catch (Exception e) {
      Log.debugf("Kafka: dead-letter depths unknown for now: %s", e.getMessage());
    }
  }

  private static Map<TopicPartition, Long> offsets(Admin admin, List<TopicPartition> partitions, OffsetSpec spec)
      throws Exception {
    Map<TopicPartition, OffsetSpec> wanted = partitions.stream().collect(Collectors.toMap(Function.identity(), p -> spec));
    return admin.listOffsets(wanted).all().get(ANSWER_WITHIN_SECONDS, TimeUnit.SECONDS).entrySet().stream()
        .collect(Collectors.toMap(Map.Entry::getKey, entry -> entry.getValue().offset()));
  }

  void onStop(@Observes ShutdownEvent event) {
    if (depths != null) {
      depths.stop();
    }
  }
}
