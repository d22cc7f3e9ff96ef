package org.acme.contracts.payment;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;
import java.math.BigDecimal;

/** The data of {@code process_payment}; idempotent per order id. */
public record PaymentRequest(@NotBlank String orderId, @NotNull @PositiveOrZero BigDecimal amount, @NotBlank String method) {
}
