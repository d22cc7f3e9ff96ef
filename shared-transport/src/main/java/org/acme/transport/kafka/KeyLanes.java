package org.acme.transport.kafka;

import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Per-key order within one partition: a producer that keys its records (Nest's {@code {key, value}}, our
 * {@code MessageOptions.kafkaKey}) means "these happen in this order", so a record waits in its key's lane until the
 * one before it with the same key is done; records of other keys, and records without a key (no order asked for),
 * run at once, in parallel. Keys are compared by their bytes, as Kafka's partitioner does.
 * <p>
 * Thread-safe: the poll thread admits records, the workers finish them and start the next of the lane themselves,
 * at once rather than at the next poll (which could be 100 ms away).
 */
final class KeyLanes {

  /** Per key with a record running: the records of that key waiting behind it, in offset order. */
  private final Map<ByteBuffer, ArrayDeque<ConsumerRecord<byte[], byte[]>>> lanes = new HashMap<>();
  private int waiting;

  /** Whether the record may start now; if not, it is queued and {@link #next} hands it out when its turn comes. */
  synchronized boolean admit(ConsumerRecord<byte[], byte[]> record) {
    if (record.key() == null) {
      return true;
    }
    ArrayDeque<ConsumerRecord<byte[], byte[]>> lane = lanes.get(ByteBuffer.wrap(record.key()));
    if (lane == null) {
      lanes.put(ByteBuffer.wrap(record.key()), new ArrayDeque<>());
      return true;
    }
    lane.add(record);
    waiting++;
    return false;
  }

  /** The record is done: the next one of its key, now running as far as this lane is concerned, or null. */
  synchronized ConsumerRecord<byte[], byte[]> next(ConsumerRecord<byte[], byte[]> done) {
    if (done.key() == null) {
      return null;
    }
    ByteBuffer key = ByteBuffer.wrap(done.key());
    ArrayDeque<ConsumerRecord<byte[], byte[]>> lane = lanes.get(key);
    if (lane == null) {
      return null; // discarded meanwhile
    }
    ConsumerRecord<byte[], byte[]> next = lane.poll();
    if (next == null) {
      lanes.remove(key);
    } else {
      waiting--;
    }
    return next;
  }

  /**
   * The partition is gone (revoked, lost, or the consumer replaced): the records still waiting never start here, as
   * their offsets were never committed the group's next owner of the partition reads them again. Returns how many.
   */
  synchronized int discard() {
    int dropped = waiting;
    lanes.clear();
    waiting = 0;
    return dropped;
  }

  /** Records waiting behind a record of their key. */
  synchronized int waiting() {
    return waiting;
  }
}
