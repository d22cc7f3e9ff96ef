package org.acme.contracts.payment;

/** payment-service's patterns, on the RabbitMQ queue {@link #QUEUE}. */
public final class PaymentPatterns {
  public static final String PROCESS_PAYMENT = "process_payment";
  public static final String REFUND_PAYMENT = "refund_payment";
  /** {@code {orderId}} ({@code OrderRef}) → the order's payment as it stands now: the refund if any, else the charge. */
  public static final String GET_PAYMENT = "get_payment";
  public static final String QUEUE = "payments_queue";

  private PaymentPatterns() {
  }
}
