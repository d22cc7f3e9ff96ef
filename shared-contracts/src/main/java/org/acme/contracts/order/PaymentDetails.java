package org.acme.contracts.order;

import jakarta.validation.constraints.NotBlank;

/** How the customer pays, e.g. {@code card}. */
public record PaymentDetails(@NotBlank String method) {
}
