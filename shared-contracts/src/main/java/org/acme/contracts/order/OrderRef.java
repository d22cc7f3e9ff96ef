package org.acme.contracts.order;

import jakarta.validation.constraints.NotBlank;

/** The data of {@code get_order}. */
public record OrderRef(@NotBlank String orderId) {
}
