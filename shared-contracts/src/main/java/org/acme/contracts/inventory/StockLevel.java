package org.acme.contracts.inventory;

import java.math.BigDecimal;

/** One SKU's stock in the answer of {@code get_stock}: free to reserve, held by open reservations, unit price. */
public record StockLevel(String sku, int available, int reserved, BigDecimal price) {
}
