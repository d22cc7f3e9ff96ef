package org.acme.order.service;

import java.util.Set;
import org.acme.contracts.inventory.InventoryErrors;
import org.acme.contracts.payment.PaymentErrors;
import org.acme.transport.client.RemoteException;

/**
 * How the saga reads a step that failed: "no" or "not now". Only a service's answer with a known business code and a
 * 4xx {@code statusCode} is "no" (it ends or compensates the order at once, or, for an undo, says there is nothing to
 * undo). Everything else is "not now" and is tried again: a timeout, a broker away, an open circuit, a 5xx, an
 * error without a code or a status (Nest's "Internal server error" has neither), a 4xx the saga does not know.
 */
final class StepFailures {

  /** Reserving cannot be done: the order is REJECTED (nothing was reserved, the reservation is all or nothing). */
  static final Set<String> RESERVE_REFUSED = Set.of(InventoryErrors.INSUFFICIENT_STOCK, InventoryErrors.UNKNOWN_SKU);
  /** Nothing to refund: never charged (the refund voided the order, so a late charge is declined) or declined. */
  static final Set<String> NOTHING_TO_REFUND = Set.of(PaymentErrors.PAYMENT_NOT_FOUND, PaymentErrors.NOTHING_TO_REFUND);
  /** Nothing to give back: never reserved (inventory remembers the cancel, so a late reservation takes nothing) or given back. */
  static final Set<String> NOTHING_TO_CANCEL = Set.of(InventoryErrors.UNKNOWN_RESERVATION, InventoryErrors.RESERVATION_CANCELLED);

  private StepFailures() {
  }

  /** Whether the failure is the service's "no" with one of these codes. */
  static boolean isOneOf(Throwable failure, Set<String> codes) {
    if (!(failure instanceof RemoteException remote)) {
      return false;
    }
    int status = remote.statusCode().orElse(500);
    return status >= 400 && status < 500 && codes.contains(remote.code().orElse(""));
  }
}
