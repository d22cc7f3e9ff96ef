package org.acme.payment.handler;

import io.smallrye.mutiny.Uni;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import org.acme.contracts.order.OrderRef;
import org.acme.contracts.payment.PaymentPatterns;
import org.acme.contracts.payment.PaymentRequest;
import org.acme.contracts.payment.PaymentResult;
import org.acme.contracts.payment.RefundRequest;
import org.acme.payment.service.PaymentService;
import org.acme.transport.handler.MessageController;
import org.acme.transport.handler.MessagePattern;
import org.acme.transport.handler.UseGuards;

/**
 * payment-service's patterns, served on the durable RabbitMQ queue {@code payments_queue}. A message is acked only
 * once its answer is published, so after a crash it comes again: both patterns are idempotent per order. Invalid
 * data gets the transport's validation error (400) before reaching here.
 */
@MessageController
public class PaymentController {

  private final PaymentService payments;

  PaymentController(PaymentService payments) {
    this.payments = payments;
  }

  /** {@code {orderId, amount, method}} → COMPLETED or DECLINED; the same answer every time for an order. */
  @UseGuards(CommandSenderGuard.class)
  @MessagePattern(PaymentPatterns.PROCESS_PAYMENT)
  public Uni<PaymentResult> processPayment(@NotNull PaymentRequest request) {
    return payments.process(request);
  }

  /** {@code {orderId, reason}} → REFUNDED; errors PAYMENT_NOT_FOUND (404) and NOTHING_TO_REFUND (409). */
  @UseGuards(CommandSenderGuard.class)
  @MessagePattern(PaymentPatterns.REFUND_PAYMENT)
  public Uni<PaymentResult> refundPayment(@NotNull RefundRequest request) {
    return payments.refund(request);
  }

  /** {@code {orderId}} → the payment as it stands (COMPLETED, DECLINED or REFUNDED); PAYMENT_NOT_FOUND (404). */
  @MessagePattern(PaymentPatterns.GET_PAYMENT)
  public Uni<PaymentResult> getPayment(@NotNull @Valid OrderRef ref) {
    return payments.find(ref.orderId());
  }
}
