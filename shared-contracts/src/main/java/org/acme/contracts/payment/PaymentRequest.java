package org.acme.contracts.payment;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Positive;
import java.math.BigDecimal;

/** The data of {@code process_payment}; idempotent per order id. An amount is positive, with at most two decimals. */
public record PaymentRequest(@NotBlank String orderId, @NotNull @Positive @Digits(integer = 12, fraction = 2) BigDecimal amount,
    @NotBlank String method) {
}
