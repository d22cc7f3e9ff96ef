package org.acme.contracts.payment;

import jakarta.validation.constraints.NotBlank;

/** The data of {@code refund_payment}; idempotent per order id. */
public record RefundRequest(@NotBlank String orderId, String reason) {
}
