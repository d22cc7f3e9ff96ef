package org.acme.contracts.order;

import java.math.BigDecimal;
import java.util.List;

/**
 * The answer of {@code get_order}: an order, where its saga stands, and how it got there. {@code total} and
 * {@code paymentId} are known once the items are reserved and paid; {@code reason} says why an order was
 * rejected or cancelled.
 */
public record Order(String orderId, String customerId, List<OrderItem> items, String paymentMethod, String status,
    BigDecimal total, String paymentId, String reason, List<StatusChange> history) {

  /**
   * Saga states. PENDING → RESERVED → PAID → CONFIRMED; REJECTED and CANCELLED end it early, CANCELLED after
   * COMPENSATING when the saga gave up waiting for a service (the decision is stored first, so no instance charges
   * an order another one is compensating).
   */
  public static final String PENDING = "PENDING";
  public static final String RESERVED = "RESERVED";
  public static final String PAID = "PAID";
  public static final String CONFIRMED = "CONFIRMED";
  public static final String REJECTED = "REJECTED";
  public static final String CANCELLED = "CANCELLED";
  public static final String COMPENSATING = "COMPENSATING";

  public boolean finished() {
    return CONFIRMED.equals(status) || REJECTED.equals(status) || CANCELLED.equals(status);
  }
}
