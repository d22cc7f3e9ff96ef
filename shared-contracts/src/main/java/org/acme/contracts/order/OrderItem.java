package org.acme.contracts.order;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Positive;

/** One line of an order: which stock-keeping unit, and how many. */
public record OrderItem(@NotBlank String sku, @Positive int quantity) {
}
