package org.acme.transport.kafka;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;

/**
 * The server's poll thread. Unlike kafkajs's eachMessage, it does not wait for a handler: each record is handed
 * to a worker at once, so a slow or silent handler holds up neither its partition nor the others. It pauses
 * consumption while {@code maxInFlight} records are being handled, commits per partition only what is done (see
 * {@link PartitionProgress}), and when anything goes wrong it closes the consumer and starts a new one, so the
 * loop outlives broker restarts, rebalances and crashes (Nest's #9484).
 */
final class KafkaServerLoop implements Runnable {

  private static final Duration POLL = Duration.ofMillis(100);

  private final Supplier<Consumer<byte[], byte[]>> consumers;
  private final Collection<String> topics;
  private final KafkaRecordHandler handler;
  private final int maxInFlight;
  private final Duration retryDelay;
  private final Runnable prepare;
  private final Map<TopicPartition, PartitionProgress> progress = new HashMap<>();
  private final Queue<Done> done = new ConcurrentLinkedQueue<>();
  private final AtomicInteger inFlight = new AtomicInteger();
  private volatile boolean running = true;
  private volatile boolean joined;
  private volatile Consumer<byte[], byte[]> consumer;
  private boolean paused;

  private record Done(PartitionProgress progress, long offset) {
  }

  KafkaServerLoop(Supplier<Consumer<byte[], byte[]>> consumers, Collection<String> topics, KafkaRecordHandler handler,
      int maxInFlight, Duration retryDelay, Runnable prepare) {
    this.consumers = consumers;
    this.topics = topics;
    this.handler = handler;
    this.maxInFlight = maxInFlight;
    this.retryDelay = retryDelay;
    this.prepare = prepare;
  }

  @Override
  public void run() {
    boolean prepared = false;
    while (running) {
      try {
        if (!prepared) {
          prepare.run();
          prepared = true;
        }
        consume();
      } catch (WakeupException stopping) {
        // stop() woke us up; the loop condition decides
      } catch (RuntimeException e) {
        if (running) {
          Log.errorf("Kafka server: %s; starting again in %d ms", e.toString(), retryDelay.toMillis());
          KafkaTopics.sleep(retryDelay.toMillis());
        }
      }
    }
  }

  private void consume() {
    try (Consumer<byte[], byte[]> c = consumers.get()) {
      consumer = c;
      progress.clear();
      paused = false;
      c.subscribe(topics, new Rebalance());
      Log.infof("Kafka server: consuming %s", topics);
      try {
        while (running) {
          ConsumerRecords<byte[], byte[]> records = c.poll(POLL);
          for (ConsumerRecord<byte[], byte[]> record : records) {
            dispatch(record);
          }
          settle();
          commit(progress.keySet(), false);
          throttle();
        }
      } catch (WakeupException stopping) {
        // stop(): commit what is done below, then close
      }
      settle();
      commit(progress.keySet(), true);
    } finally {
      consumer = null;
    }
  }

  private void dispatch(ConsumerRecord<byte[], byte[]> record) {
    PartitionProgress partition = progress.computeIfAbsent(new TopicPartition(record.topic(), record.partition()), tp -> new PartitionProgress());
    partition.started(record.offset());
    inFlight.incrementAndGet();
    handler.handle(record)
        .runSubscriptionOn(Infrastructure.getDefaultExecutor())
        .subscribe().with(ok -> finish(partition, record.offset()), failure -> finish(partition, record.offset()));
  }

  private void finish(PartitionProgress partition, long offset) {
    inFlight.decrementAndGet();
    done.add(new Done(partition, offset));
  }

  /** Takes in what the workers finished; a finish for a partition since revoked lands on its old progress, unused. */
  private void settle() {
    for (Done d = done.poll(); d != null; d = done.poll()) {
      d.progress().finished(d.offset());
    }
  }

  private void commit(Collection<TopicPartition> partitions, boolean sync) {
    Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
    for (TopicPartition tp : partitions) {
      PartitionProgress p = progress.get(tp);
      long position = p == null ? -1 : p.committable();
      if (position >= 0) {
        offsets.put(tp, new OffsetAndMetadata(position));
      }
    }
    if (offsets.isEmpty()) {
      return;
    }
    if (sync) {
      try {
        consumer.commitSync(offsets);
        markCommitted(offsets);
      } catch (RuntimeException e) {
        Log.warnf("Kafka server: commit of %s failed: %s (these records may be handled again)", offsets, e.toString());
      }
      return;
    }
    consumer.commitAsync(offsets, (committed, failure) -> {
      if (failure == null) {
        markCommitted(committed);
      } else {
        Log.debugf("Kafka server: commit failed, will retry: %s", failure.toString());
      }
    });
  }

  private void markCommitted(Map<TopicPartition, OffsetAndMetadata> offsets) {
    offsets.forEach((tp, offset) -> {
      PartitionProgress p = progress.get(tp);
      if (p != null) {
        p.committed(offset.offset());
      }
    });
  }

  /** Back-pressure: stop fetching while the workers are full, resume once half the room is free again. */
  private void throttle() {
    int busy = inFlight.get();
    if (busy >= maxInFlight) {
      if (!paused) {
        Log.debugf("Kafka server: %d records in flight, pausing consumption", busy);
      }
      paused = true;
      consumer.pause(consumer.assignment()); // again each time: a rebalance may have added partitions
    } else if (paused && busy <= maxInFlight / 2) {
      paused = false;
      consumer.resume(consumer.paused());
    }
  }

  int inFlight() {
    return inFlight.get();
  }

  /**
   * Whether the group has given this consumer its share at least once. Before that, a new group (which starts at
   * the end of its topics) would miss a request sent now, so the server is not ready yet.
   */
  boolean joined() {
    return joined;
  }

  void stop() {
    running = false;
    Consumer<byte[], byte[]> c = consumer;
    if (c != null) {
      c.wakeup();
    }
  }

  private final class Rebalance implements ConsumerRebalanceListener {

    @Override
    public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
      // hand over what is done; records still running here may be handled again by the new owner (at least once)
      settle();
      commit(partitions, true);
      partitions.forEach(progress::remove);
    }

    @Override
    public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
      Log.infof("Kafka server: assigned %s", partitions);
      joined = true;
      if (paused) {
        consumer.pause(partitions);
      }
    }

    @Override
    public void onPartitionsLost(Collection<TopicPartition> partitions) {
      partitions.forEach(progress::remove);
    }
  }
}
