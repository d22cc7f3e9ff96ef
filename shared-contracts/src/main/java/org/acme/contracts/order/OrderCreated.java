package org.acme.contracts.order;

/** The answer of {@code create_order}. */
public record OrderCreated(boolean success, String orderId, String status) {
}
