package org.acme.transport.kafka;

import io.quarkus.logging.Log;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/**
 * Creates the topics Nest peers expect before anyone uses them: Nest's server and client fail at start-up with
 * UNKNOWN_TOPIC_OR_PARTITION otherwise, even when the broker would auto-create them (wire doc §13).
 */
final class KafkaTopics {

  private static final Duration WAIT = Duration.ofSeconds(15);

  private KafkaTopics() {
  }

  /** Creates the topics that do not exist yet; an empty partitions value takes the broker's default. */
  static void ensure(Admin admin, Collection<String> topics, Optional<Integer> partitions) {
    List<NewTopic> wanted = topics.stream().map(t -> new NewTopic(t, partitions, Optional.empty())).toList();
    if (wanted.isEmpty()) {
      return;
    }
    Map<String, KafkaFuture<Void>> results = admin.createTopics(wanted).values();
    for (Map.Entry<String, KafkaFuture<Void>> result : results.entrySet()) {
      try {
        result.getValue().get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        Log.infof("Kafka: created topic %s", result.getKey());
      } catch (ExecutionException e) {
        if (!(e.getCause() instanceof TopicExistsException)) {
          throw new IllegalStateException("cannot create Kafka topic " + result.getKey() + ": " + e.getCause().getMessage(), e.getCause());
        }
      } catch (TimeoutException e) {
        throw new IllegalStateException("creating Kafka topic " + result.getKey() + " took more than " + WAIT.toSeconds() + " s");
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while creating Kafka topics");
      }
    }
  }

  /** The partition numbers of a topic; retries briefly, since a topic just created takes a moment to be described. */
  static List<Integer> partitions(Admin admin, String topic) {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (true) {
      try {
        TopicDescription description = admin.describeTopics(Set.of(topic)).allTopicNames()
            .get(WAIT.toMillis(), TimeUnit.MILLISECONDS).get(topic);
        if (!description.partitions().isEmpty()) {
          return description.partitions().stream().map(p -> p.partition()).sorted().toList();
        }
      } catch (ExecutionException e) {
        if (!(e.getCause() instanceof UnknownTopicOrPartitionException) || System.nanoTime() > deadline) {
          throw new IllegalStateException("cannot describe Kafka topic " + topic + ": " + e.getCause().getMessage(), e.getCause());
        }
      } catch (TimeoutException e) {
        throw new IllegalStateException("describing Kafka topic " + topic + " took more than " + WAIT.toSeconds() + " s");
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while describing Kafka topic " + topic);
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("Kafka topic " + topic + " has no partitions");
      }
      sleep(100);
    }
  }

  static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
