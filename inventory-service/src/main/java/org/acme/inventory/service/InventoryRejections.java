package org.acme.inventory.service;

import org.acme.contracts.inventory.InventoryErrors;
import org.acme.transport.codec.NestError;
import org.acme.transport.handler.RpcException;

/**
 * The caller's mistakes and conflicts, as RpcExceptions with an object error: {@code status:'error'}, a {@code code}
 * from {@link InventoryErrors} for programs, a {@code message} for people, an HTTP-like {@code statusCode} for the
 * gateway, and the ids involved.
 */
final class InventoryRejections {

  private InventoryRejections() {
  }

  static RpcException insufficientStock(String sku, long requested, long available) {
    return rejection(InventoryErrors.INSUFFICIENT_STOCK, 409,
        "Insufficient stock for SKU '" + sku + "': requested " + requested + ", available " + available,
        "sku", sku, "requested", requested, "available", available);
  }

  static RpcException unknownSku(String sku) {
    return rejection(InventoryErrors.UNKNOWN_SKU, 404, "Unknown SKU '" + sku + "'", "sku", sku);
  }

  static RpcException unknownReservation(String reservationId) {
    return rejection(InventoryErrors.UNKNOWN_RESERVATION, 404, "No reservation '" + reservationId + "'", "reservationId", reservationId);
  }

  static RpcException cancelled(String reservationId) {
    return rejection(InventoryErrors.RESERVATION_CANCELLED, 409,
        "Reservation '" + reservationId + "' was cancelled and cannot be committed", "reservationId", reservationId);
  }

  static RpcException committed(String reservationId) {
    return rejection(InventoryErrors.RESERVATION_COMMITTED, 409,
        "Reservation '" + reservationId + "' is committed and cannot be cancelled", "reservationId", reservationId);
  }

  private static RpcException rejection(String code, int statusCode, String message, Object... details) {
    NestError error = NestError.rejection(code, statusCode, message);
    for (int i = 0; i < details.length; i += 2) {
      error = error.with((String) details[i], details[i + 1]);
    }
    return new RpcException(error);
  }
}
