package org.acme.contracts.payment;

/**
 * The {@code code} of every error payment-service answers with, beside {@code status:'error'}, a {@code message}
 * and an HTTP-like {@code statusCode} a gateway can pass on. A saga reads the code, never the message.
 */
public final class PaymentErrors {
  /** {@code refund_payment} for an order that was never charged (404). */
  public static final String PAYMENT_NOT_FOUND = "PAYMENT_NOT_FOUND";
  /** {@code refund_payment} for an order whose payment was declined: no money was taken (409). */
  public static final String NOTHING_TO_REFUND = "NOTHING_TO_REFUND";
  /**
   * {@code process_payment} recorded the outcome but could not publish its event to order-service (503). The
   * outcome is kept: asking again gives the same outcome and publishes the event then.
   */
  public static final String EVENT_NOT_PUBLISHED = "PAYMENT_EVENT_NOT_PUBLISHED";

  private PaymentErrors() {
  }
}
