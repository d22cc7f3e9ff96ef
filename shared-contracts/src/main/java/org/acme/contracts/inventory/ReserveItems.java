package org.acme.contracts.inventory;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import java.util.List;
import org.acme.contracts.order.OrderItem;

/** The data of {@code reserve_items}; the order id makes a retried reservation idempotent. */
public record ReserveItems(@NotBlank String orderId, @NotEmpty List<@Valid OrderItem> items) {
}
