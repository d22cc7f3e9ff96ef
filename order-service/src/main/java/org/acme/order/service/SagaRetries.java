package org.acme.order.service;

import java.time.Duration;
import org.acme.contracts.order.Order;

/**
 * The saga's decisions about a step that failed "not now" ({@link StepFailures}): how long to wait before the next
 * try (doubling from {@code retry-delay} up to {@code max-retry-delay}), when patience is used up
 * ({@code compensate-after}, counted from the step's first try), and what giving up means for an order in each state.
 */
final class SagaRetries {

  private SagaRetries() {
  }

  /** The wait before try {@code failures + 1}: the base doubled per failure after the first, never above the cap. */
  static Duration delay(int failures, Duration base, Duration max) {
    // at most 2^20 times the base: a shift further would overflow long before the cap is reached
    long doubled = base.toMillis() << Math.min(Math.max(failures - 1, 0), 20);
    return Duration.ofMillis(Math.min(doubled, max.toMillis()));
  }

  /** Whether the next try, after this wait, would come too late: then the saga gives up instead of trying again. */
  static boolean patienceUsedUp(Duration sinceFirstTry, Duration nextDelay, Duration patience) {
    return sinceFirstTry.plus(nextDelay).compareTo(patience) >= 0;
  }

  /**
   * Whether giving up on an order in this state compensates it: only before it is paid (nothing is owed yet). A paid
   * order must be confirmed and a compensating one undone, so those go on being tried however long it takes.
   */
  static boolean compensatesOnGivingUp(String status) {
    return Order.PENDING.equals(status) || Order.RESERVED.equals(status);
  }
}
