package org.acme.contracts.order;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import java.util.List;

/** The data of {@code create_order}. */
public record CreateOrder(@NotBlank String customerId, @NotEmpty List<@Valid OrderItem> items, @NotNull @Valid PaymentDetails payment) {
}
