package org.acme.contracts.order;

/** order-service's patterns, on Kafka (string patterns: Kafka topic names cannot hold braces). */
public final class OrderPatterns {
  public static final String CREATE_ORDER = "create_order";
  public static final String GET_ORDER = "get_order";
  public static final String PAYMENT_COMPLETED = "payment_completed";
  public static final String PAYMENT_FAILED = "payment_failed";
  /** The MQTT topic of an order's latest status: {@code orders/{orderId}/status}, QoS 1, retained. */
  public static final String STATUS_TOPIC = "orders/%s/status";

  private OrderPatterns() {
  }
}
