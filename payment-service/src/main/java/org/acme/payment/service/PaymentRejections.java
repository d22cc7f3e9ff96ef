package org.acme.payment.service;

import org.acme.contracts.payment.PaymentErrors;
import org.acme.transport.codec.NestError;
import org.acme.transport.handler.RpcException;

/**
 * The errors payment-service answers with, as RpcExceptions with an object error: {@code status:'error'}, a
 * {@code code} from {@link PaymentErrors} for programs, a {@code message} for people, an HTTP-like
 * {@code statusCode} for the gateway, and the order id.
 */
final class PaymentRejections {

  private PaymentRejections() {
  }

  static RpcException notFound(String orderId) {
    return rejection(PaymentErrors.PAYMENT_NOT_FOUND, 404, "No payment for order '" + orderId + "'", orderId);
  }

  static RpcException nothingToRefund(String orderId, String reason) {
    return rejection(PaymentErrors.NOTHING_TO_REFUND, 409,
        "The payment for order '" + orderId + "' was declined (" + reason + "): nothing to refund", orderId);
  }

  static RpcException eventNotPublished(String orderId, Throwable cause) {
    return rejection(PaymentErrors.EVENT_NOT_PUBLISHED, 503, "The payment for order '" + orderId
        + "' is recorded, but its event could not be published (" + cause.getMessage() + "); ask again", orderId);
  }

  private static RpcException rejection(String code, int statusCode, String message, String orderId) {
    return new RpcException(NestError.rejection(code, statusCode, message).with("orderId", orderId));
  }
}
