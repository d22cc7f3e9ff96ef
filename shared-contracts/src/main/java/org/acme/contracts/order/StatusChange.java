package org.acme.contracts.order;

/**
 * One step of an order's saga ({@code at} in ISO-8601, as JavaScript's Date prints it): also what
 * {@code orders/{orderId}/status} carries on MQTT, retained, so a late subscriber gets the latest at once.
 */
public record StatusChange(String orderId, String status, String at, String detail) {
}
