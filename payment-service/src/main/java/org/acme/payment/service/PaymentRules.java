package org.acme.payment.service;

import jakarta.inject.Singleton;
import java.util.UUID;
import org.acme.contracts.payment.PaymentRequest;
import org.acme.contracts.payment.PaymentResult;
import org.acme.payment.config.PaymentConfig;

/**
 * The fake card processor: deterministic, so a saga's every branch can be driven on purpose. In this order:
 * <ol>
 *   <li>a method listed in {@code payment.declined-methods} is declined ("method 'x' is declined");</li>
 *   <li>an amount above {@code payment.limit} is declined ("amount a is over the limit of l");</li>
 *   <li>anything else is COMPLETED with a new payment id, {@code pay-<uuid>}.</li>
 * </ol>
 * A declined payment takes no money, so it has no payment id.
 */
@Singleton
public class PaymentRules {

  private final PaymentConfig config;

  PaymentRules(PaymentConfig config) {
    this.config = config;
  }

  /** What the processor says about this request, were it the first one for its order. */
  public PaymentResult decide(PaymentRequest request) {
    if (config.declinedMethods().contains(request.method())) {
      return declined(request, "method '" + request.method() + "' is declined");
    }
    if (request.amount().compareTo(config.limit()) > 0) {
      return declined(request, "amount " + request.amount().toPlainString() + " is over the limit of " + config.limit().toPlainString());
    }
    return new PaymentResult("pay-" + UUID.randomUUID(), request.orderId(), PaymentResult.COMPLETED, request.amount(), null);
  }

  private static PaymentResult declined(PaymentRequest request, String reason) {
    return new PaymentResult(null, request.orderId(), PaymentResult.DECLINED, request.amount(), reason);
  }
}
