package org.acme.transport.kafka;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Hands the poll thread's records to workers: a record starts at once unless a record of its key (in its partition)
 * is still running, then it starts the moment that one is done ({@link KeyLanes}). Finished offsets come back to the
 * poll thread through {@link #settle()}, which alone touches {@link PartitionProgress}'s offsets.
 */
final class KeyedDispatch {

  private record Done(PartitionProgress progress, long offset) {
  }

  private final KafkaRecordHandler handler;
  private final Executor workers;
  private final Queue<Done> done = new ConcurrentLinkedQueue<>();
  private final AtomicInteger inFlight = new AtomicInteger();

  KeyedDispatch(KafkaRecordHandler handler, Executor workers) {
    this.handler = handler;
    this.workers = workers;
  }

  /** Poll thread: the record is taken (its offset held back from commits) and runs now or in its key's turn. */
  void take(ConsumerRecord<byte[], byte[]> record, PartitionProgress partition) {
    partition.started(record.offset());
    inFlight.incrementAndGet();
    if (partition.lanes().admit(record)) {
      run(record, partition);
    }
  }

  private void run(ConsumerRecord<byte[], byte[]> record, PartitionProgress partition) {
    handler.handle(record).runSubscriptionOn(workers)
        .subscribe().with(ok -> finish(record, partition), failure -> finish(record, partition));
  }

  private void finish(ConsumerRecord<byte[], byte[]> record, PartitionProgress partition) {
    inFlight.decrementAndGet();
    done.add(new Done(partition, record.offset()));
    ConsumerRecord<byte[], byte[]> next = partition.lanes().next(record);
    if (next != null) {
      run(next, partition);
    }
  }

  /** Poll thread: takes in what the workers finished; a finish for a partition since revoked lands on its old progress, unused. */
  void settle() {
    for (Done d = done.poll(); d != null; d = done.poll()) {
      d.progress().finished(d.offset());
    }
  }

  /** The partition is no longer ours: its waiting records are dropped (uncommitted, so read again by its next owner). */
  void discard(PartitionProgress partition) {
    inFlight.addAndGet(-partition.lanes().discard());
  }

  /** Records taken and not done, across partitions: running, or waiting behind their key. */
  int inFlight() {
    return inFlight.get();
  }
}
