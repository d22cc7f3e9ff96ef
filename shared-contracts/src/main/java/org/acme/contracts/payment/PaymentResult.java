package org.acme.contracts.payment;

import java.math.BigDecimal;

/**
 * The answer of {@code process_payment} and {@code refund_payment}: {@code status} is COMPLETED, DECLINED (with
 * the {@code reason}) or REFUNDED. Asking again for the same order gives the same answer.
 */
public record PaymentResult(String paymentId, String orderId, String status, BigDecimal amount, String reason) {

  public static final String COMPLETED = "COMPLETED";
  public static final String DECLINED = "DECLINED";
  public static final String REFUNDED = "REFUNDED";
}
