package org.acme.transport.kafka;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
 * to a worker at once ({@link KeyedDispatch}), so a slow or silent handler holds up neither its partition nor the
 * others; only a record with the same key as one still running waits for it, so keyed records are handled in order.
 * Consumption pauses while {@code maxInFlight} records are taken and not done, and a partition alone pauses while it
 * holds {@code maxPerPartition} (a hot key cannot queue without bound); commits per partition only what is done (see
 * {@link PartitionProgress}); and when anything goes wrong it closes the consumer and starts a new one, so the
 * loop outlives broker restarts, rebalances and crashes (Nest's #9484).
 */
final class KafkaServerLoop implements Runnable {

  private static final Duration POLL = Duration.ofMillis(100);

  private final Supplier<Consumer<byte[], byte[]>> consumers;
  private final Collection<String> topics;
  private final KeyedDispatch dispatch;
  private final int maxInFlight;
  private final int maxPerPartition;
  private final Duration retryDelay;
  private final Runnable prepare;
  private final Map<TopicPartition, PartitionProgress> progress = new HashMap<>();
  private volatile boolean running = true;
  private volatile boolean joined;
  /** Stopping: every partition stays paused, the loop only polls (heartbeats) and commits what finishes. */
  private volatile boolean draining;
  private volatile Consumer<byte[], byte[]> consumer;
  private boolean full;

  KafkaServerLoop(Supplier<Consumer<byte[], byte[]>> consumers, Collection<String> topics, KafkaRecordHandler handler,
      int maxInFlight, int maxPerPartition, Duration retryDelay, Runnable prepare) {
    this.consumers = consumers;
    this.topics = topics;
    this.dispatch = new KeyedDispatch(handler, Infrastructure.getDefaultExecutor());
    this.maxInFlight = maxInFlight;
    this.maxPerPartition = Math.max(1, maxPerPartition); // 0 would take nothing, ever
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
      forget(progress.keySet());
      full = false;
      c.subscribe(topics, new Rebalance());
      Log.infof("Kafka server: consuming %s", topics);
      try {
        while (running) {
          ConsumerRecords<byte[], byte[]> records = c.poll(POLL);
          for (TopicPartition tp : records.partitions()) {
            take(tp, records.records(tp));
          }
          dispatch.settle();
          commit(progress.keySet(), false);
          throttle();
        }
      } catch (WakeupException stopping) {
        // stop(): commit what is done below, then close
      }
      dispatch.settle();
      commit(progress.keySet(), true);
      forget(progress.keySet());
    } finally {
      consumer = null;
    }
  }

  /**
   * One partition's share of a poll. A partition that already holds {@code maxPerPartition} records takes no more: the
   * rest are fetched again after it resumes (a seek back to the first one not taken), so the bound is exact.
   */
  private void take(TopicPartition tp, List<ConsumerRecord<byte[], byte[]>> records) {
    PartitionProgress partition = progress.computeIfAbsent(tp, p -> new PartitionProgress());
    for (ConsumerRecord<byte[], byte[]> record : records) {
      // stopping: a record fetched by the poll that raced the pause is not started but fetched again by whoever is next
      if (draining || partition.inFlight() >= maxPerPartition) {
        consumer.seek(tp, record.offset());
        consumer.pause(List.of(tp));
        partition.hold();
        return;
      }
      dispatch.take(record, partition);
    }
  }

  /** Drops the partitions' progress and the records still waiting in their lanes (see {@link KeyedDispatch#discard}). */
  private void forget(Collection<TopicPartition> partitions) {
    for (TopicPartition tp : List.copyOf(partitions)) {
      PartitionProgress p = progress.remove(tp);
      if (p != null) {
        dispatch.discard(p);
      }
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

  /**
   * Back-pressure: every partition pauses while the workers are full (resuming once half the room is free again), and
   * a partition alone while it holds too many records ({@link PartitionProgress#overLimit}). Worked out again at every
   * poll, for the current assignment, since a rebalance may have added partitions.
   */
  private void throttle() {
    int busy = dispatch.inFlight();
    boolean wasFull = full;
    full = full ? busy > maxInFlight / 2 : busy >= maxInFlight;
    if (full && !wasFull) {
      Log.debugf("Kafka server: %d records in flight, pausing consumption", busy);
    }
    Set<TopicPartition> paused = consumer.paused();
    List<TopicPartition> pause = new ArrayList<>();
    List<TopicPartition> resume = new ArrayList<>();
    for (TopicPartition tp : consumer.assignment()) {
      PartitionProgress p = progress.get(tp);
      boolean hold = (p != null && p.overLimit(maxPerPartition)) || full || draining;
      if (hold && !paused.contains(tp)) {
        pause.add(tp);
      } else if (!hold && paused.contains(tp)) {
        resume.add(tp);
      }
    }
    consumer.pause(pause);
    consumer.resume(resume);
  }

  int inFlight() {
    return dispatch.inFlight();
  }

  /**
   * Whether the group has given this consumer its share at least once. Before that, a new group (which starts at
   * the end of its topics) would miss a request sent now, so the server is not ready yet.
   */
  boolean joined() {
    return joined;
  }

  /** Takes no more records (the partitions pause at the next poll); those taken finish and are committed as they do. */
  void drain() {
    draining = true;
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
      dispatch.settle();
      commit(partitions, true);
      forget(partitions);
    }

    @Override
    public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
      Log.infof("Kafka server: assigned %s", partitions);
      joined = true;
      if (full) {
        consumer.pause(partitions);
      }
    }

    @Override
    public void onPartitionsLost(Collection<TopicPartition> partitions) {
      forget(partitions);
    }
  }
}
