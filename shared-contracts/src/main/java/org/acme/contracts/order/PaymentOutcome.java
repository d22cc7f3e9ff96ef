package org.acme.contracts.order;

import jakarta.validation.constraints.NotBlank;

/** The data of the {@code payment_completed} and {@code payment_failed} events. */
public record PaymentOutcome(@NotBlank String orderId, String paymentId, String reason) {
}
