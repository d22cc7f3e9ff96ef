package org.acme.transport.kafka;

import java.util.TreeSet;

/**
 * What has been handled in one assigned partition. Records finish out of order (a slow handler must not hold up
 * the ones behind it), but a Kafka commit is one position per partition: it may only move past a record once
 * every record before it is done. So the committable position is the lowest offset still in flight, or one past
 * the last record taken when none is. Used by the poll thread only, but for its {@link #lanes()}, which the workers share.
 */
final class PartitionProgress {

  private final TreeSet<Long> inFlight = new TreeSet<>();
  private final KeyLanes lanes = new KeyLanes();
  private boolean held;
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

  /** Records taken and not yet finished: running, or waiting in their key's lane. */
  int inFlight() {
    return inFlight.size();
  }

  /** The order of this partition's keyed records. */
  KeyLanes lanes() {
    return lanes;
  }

  /**
   * Whether this partition is to be paused for holding too many records: from {@code limit} on, until half of them
   * are done (so it is not paused and resumed at every record).
   */
  boolean overLimit(int limit) {
    int pending = inFlight.size();
    held = held ? pending > limit / 2 : pending >= limit;
    return held;
  }

  /** The partition reached its limit in the middle of a poll: held, by {@link #overLimit}'s rule, until half are done. */
  void hold() {
    held = true;
  }
}
