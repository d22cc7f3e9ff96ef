package org.acme.contracts.inventory;

/** The data of {@code get_stock}: one SKU, or every SKU when {@code sku} is absent. */
public record StockQuery(String sku) {
}
