package org.acme.contracts.payment;

/** payment-service's patterns, on the RabbitMQ queue {@link #QUEUE}. */
public final class PaymentPatterns {
  public static final String PROCESS_PAYMENT = "process_payment";
  public static final String REFUND_PAYMENT = "refund_payment";
  public static final String QUEUE = "payments_queue";

  private PaymentPatterns() {
  }
}
