package org.acme.contracts.inventory;

import jakarta.validation.constraints.NotBlank;
import java.math.BigDecimal;

/**
 * A reservation: the answer of {@code reserve_items}, {@code commit_reservation} and {@code cancel_reservation},
 * and the data of the last two (only {@code reservationId} is read). The id is {@code res-<orderId>}, so a saga
 * can cancel a reservation whose answer it never got. {@code status} is RESERVED, COMMITTED or CANCELLED;
 * {@code total} is what the reserved items cost.
 */
public record Reservation(@NotBlank String reservationId, String orderId, String status, BigDecimal total) {

  public static final String RESERVED = "RESERVED";
  public static final String COMMITTED = "COMMITTED";
  public static final String CANCELLED = "CANCELLED";

  public static String idFor(String orderId) {
    return "res-" + orderId;
  }

  public static Reservation ref(String reservationId) {
    return new Reservation(reservationId, null, null, null);
  }
}
