package org.acme.transport.kafka;

import io.quarkus.logging.Log;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;

/**
 * A client's reply consumer. It uses manual assignment, not a consumer group: every partition of each reply topic
 * this client has asked on is read, and replies are told apart by {@code kafka_correlationId}. With no group
 * there is no rebalance and no Nest reply-partition assignor to get stuck (Nest's #12355, #11688); the price is
 * that each client instance reads all replies on its reply topics, as Redis and MQTT clients do.
 * <p>
 * A reply topic is positioned at its end before {@link #listen} completes, so no reply to a request sent after
 * that can be missed. The future's value is the partition this client names in {@code kafka_replyPartition}.
 */
final class KafkaReplyListener implements Runnable {

  private static final Duration POLL = Duration.ofMillis(100);

  private final KafkaConsumer<byte[], byte[]> consumer;
  private final Function<String, List<Integer>> prepareTopic;
  private final Consumer<ConsumerRecord<byte[], byte[]>> onReply;
  private final Map<String, CompletableFuture<Integer>> topics = new ConcurrentHashMap<>();
  private final BlockingQueue<String> toAdd = new LinkedBlockingQueue<>();
  private final Set<TopicPartition> assigned = new HashSet<>();
  private volatile boolean running = true;

  KafkaReplyListener(KafkaConsumer<byte[], byte[]> consumer, Function<String, List<Integer>> prepareTopic,
      Consumer<ConsumerRecord<byte[], byte[]>> onReply) {
    this.consumer = consumer;
    this.prepareTopic = prepareTopic;
    this.onReply = onReply;
  }

  /** Completes with the partition to reply on once this client reads the topic from its current end. */
  CompletableFuture<Integer> listen(String replyTopic) {
    CompletableFuture<Integer> ready = topics.get(replyTopic);
    if (ready != null && !ready.isCompletedExceptionally()) {
      return ready;
    }
    CompletableFuture<Integer> fresh = new CompletableFuture<>();
    CompletableFuture<Integer> raced = ready == null ? topics.putIfAbsent(replyTopic, fresh)
        : topics.replace(replyTopic, ready, fresh) ? null : topics.get(replyTopic);
    if (raced != null) {
      return raced;
    }
    toAdd.add(replyTopic);
    consumer.wakeup();
    return fresh;
  }

  @Override
  public void run() {
    try {
      while (running) {
        addTopics();
        if (assigned.isEmpty()) {
          awaitFirstTopic(); // a consumer with nothing assigned may not poll
          continue;
        }
        try {
          for (ConsumerRecord<byte[], byte[]> record : consumer.poll(POLL)) {
            try {
              onReply.accept(record);
            } catch (RuntimeException e) {
              Log.warnf("Kafka client: dropping reply %s-%d@%d: %s", record.topic(), record.partition(), record.offset(), e.toString());
            }
          }
        } catch (WakeupException woken) {
          // a new topic to read, or closing
        } catch (RuntimeException e) {
          Log.warnf("Kafka client: reply consumer: %s", e.toString());
          KafkaTopics.sleep(200);
        }
      }
    } finally {
      consumer.close(Duration.ofSeconds(2));
    }
  }

  private void awaitFirstTopic() {
    try {
      String topic = toAdd.poll(POLL.toMillis(), TimeUnit.MILLISECONDS);
      if (topic != null) {
        toAdd.add(topic);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      running = false;
    }
  }

  private void addTopics() {
    for (String next = toAdd.poll(); next != null; next = toAdd.poll()) {
      String topic = next;
      CompletableFuture<Integer> ready = topics.get(topic);
      try {
        List<Integer> partitions = prepareTopic.apply(topic);
        List<TopicPartition> fresh = new ArrayList<>();
        partitions.forEach(p -> fresh.add(new TopicPartition(topic, p)));
        assigned.addAll(fresh);
        consumer.assign(assigned);
        consumer.seekToEnd(fresh);
        // seekToEnd is lazy: asking for the position fixes it now, before any request can be sent
        fresh.forEach(consumer::position);
        ready.complete(partitions.get(ThreadLocalRandom.current().nextInt(partitions.size())));
      } catch (WakeupException woken) {
        toAdd.add(topic);
        return;
      } catch (RuntimeException e) {
        Log.warnf("Kafka client: cannot read replies on %s: %s", topic, e.toString());
        assigned.removeIf(tp -> tp.topic().equals(topic));
        consumer.assign(assigned);
        ready.completeExceptionally(e);
      }
    }
  }

  void close() {
    running = false;
    consumer.wakeup();
  }
}
