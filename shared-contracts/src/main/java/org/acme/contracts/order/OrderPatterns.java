package org.acme.contracts.order;

/** order-service's patterns, on Kafka (string patterns: Kafka topic names cannot hold braces). */
public final class OrderPatterns {
  public static final String CREATE_ORDER = "create_order";
  public static final String GET_ORDER = "get_order";
  public static final String PAYMENT_COMPLETED = "payment_completed";
  public static final String PAYMENT_FAILED = "payment_failed";
  /** The MQTT topic of an order's latest status: {@code orders/{orderId}/status}, QoS 1, retained. */
  public static final String STATUS_TOPIC = "orders/%s/status";
  /**
   * The metadata key of {@code create_order}'s idempotency key: the same key gives the same order and the same
   * answer; the same key with another order is refused, 422 {@code IDEMPOTENCY_KEY_REUSED}.
   */
  public static final String IDEMPOTENCY_KEY = "idempotency-key";
  /** The error code of a key used again for another order (422). */
  public static final String IDEMPOTENCY_KEY_REUSED = "IDEMPOTENCY_KEY_REUSED";

  private OrderPatterns() {
  }
}
