package org.acme.transport.kafka;

import java.util.TreeSet;

/**
 * What has been handled in one assigned partition. Records finish out of order (a slow handler must not hold up
 * the ones behind it), but a Kafka commit is one position per partition: it may only move past a record once
 * every record before it is done. So the committable position is the lowest offset still in flight, or one past
 * the last record taken when none is. Used by the poll thread only.
 */
final class PartitionProgress {

  private final TreeSet<Long> inFlight = new TreeSet<>();
  private long taken = -1;
  private long committed = -1;

  void started(long offset) {
    inFlight.add(offset);
    taken = Math.max(taken, offset + 1);
  }

  void finished(long offset) {
    inFlight.remove(offset);
  }

  /** The position to commit now, or -1 when it has not moved since the last commit. */
  long committable() {
    long position = inFlight.isEmpty() ? taken : inFlight.first();
    return position > committed ? position : -1;
  }

  void committed(long position) {
    committed = Math.max(committed, position);
  }

  int inFlight() {
    return inFlight.size();
  }
}
