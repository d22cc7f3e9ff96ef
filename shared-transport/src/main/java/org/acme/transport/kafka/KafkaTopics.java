package org.acme.transport.kafka;

import io.quarkus.logging.Log;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewPartitions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.errors.InvalidPartitionsException;
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

  /**
   * Creates the topics that do not exist yet; an empty partitions value takes the broker's default. With a value,
   * a topic that exists with fewer partitions (a client or the broker's auto-creation made it first, with the
   * default of one) is grown to it, or every instance but one of a scaled-out server would stand idle.
   */
  static void ensure(Admin admin, Collection<String> topics, Optional<Integer> partitions) {
    List<NewTopic> wanted = topics.stream().map(t -> new NewTopic(t, partitions, Optional.empty())).toList();
    if (wanted.isEmpty()) {
      return;
    }
    Map<String, KafkaFuture<Void>> results = admin.createTopics(wanted).values();
    List<String> existing = new ArrayList<>();
    for (Map.Entry<String, KafkaFuture<Void>> result : results.entrySet()) {
      try {
        await(result.getValue(), "creating Kafka topic " + result.getKey());
        Log.infof("Kafka: created topic %s", result.getKey());
      } catch (ExecutionException e) {
        if (!(e.getCause() instanceof TopicExistsException)) {
          throw new IllegalStateException("cannot create Kafka topic " + result.getKey() + ": " + e.getCause().getMessage(), e.getCause());
        }
        existing.add(result.getKey());
      }
    }
    // every topic has one partition at least: only a larger count can call for a look at the existing ones
    partitions.filter(count -> count > 1).ifPresent(count -> grow(admin, existing, count));
  }

  private static void grow(Admin admin, Collection<String> topics, int wanted) {
    Map<String, NewPartitions> growing = new HashMap<>();
    for (String topic : topics) {
      int count = partitions(admin, topic).size();
      if (count < wanted) {
        growing.put(topic, NewPartitions.increaseTo(wanted));
        Log.infof("Kafka: growing topic %s from %d to %d partitions", topic, count, wanted);
      }
    }
    for (Map.Entry<String, KafkaFuture<Void>> result : admin.createPartitions(growing).values().entrySet()) {
      try {
        await(result.getValue(), "growing Kafka topic " + result.getKey());
      } catch (ExecutionException e) {
        // another instance grew it in the meantime
        if (!(e.getCause() instanceof InvalidPartitionsException)) {
          throw new IllegalStateException("cannot grow Kafka topic " + result.getKey() + ": " + e.getCause().getMessage(), e.getCause());
        }
      }
    }
  }

  /** The partition numbers of a topic; retries briefly, since a topic just created takes a moment to be described. */
  static List<Integer> partitions(Admin admin, String topic) {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (true) {
      try {
        TopicDescription description = await(admin.describeTopics(Set.of(topic)).allTopicNames(),
            "describing Kafka topic " + topic).get(topic);
        if (!description.partitions().isEmpty()) {
          return description.partitions().stream().map(p -> p.partition()).sorted().toList();
        }
      } catch (ExecutionException e) {
        if (!(e.getCause() instanceof UnknownTopicOrPartitionException) || System.nanoTime() > deadline) {
          throw new IllegalStateException("cannot describe Kafka topic " + topic + ": " + e.getCause().getMessage(), e.getCause());
        }
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("Kafka topic " + topic + " has no partitions");
      }
      sleep(100);
    }
  }

  /** Waits for an admin call within {@link #WAIT}; the call's own failure is the ExecutionException's cause. */
  private static <T> T await(KafkaFuture<T> call, String doing) throws ExecutionException {
    try {
      return call.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      throw new IllegalStateException(doing + " took more than " + WAIT.toSeconds() + " s");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while " + doing);
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
