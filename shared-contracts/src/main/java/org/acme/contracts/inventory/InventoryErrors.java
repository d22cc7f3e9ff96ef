package org.acme.contracts.inventory;

/**
 * The {@code code} of every error inventory-service answers with, beside {@code status:'error'}, a {@code message}
 * and an HTTP-like {@code statusCode} a gateway can pass on. A saga reads the code, never the message.
 */
public final class InventoryErrors {
  /** The stock cannot cover a line (409); the error names the {@code sku}, {@code requested} and {@code available}. */
  public static final String INSUFFICIENT_STOCK = InventoryPatterns.INSUFFICIENT_STOCK;
  /** A line names a SKU the inventory does not carry (404); the error names the {@code sku}. */
  public static final String UNKNOWN_SKU = "UNKNOWN_SKU";
  /** No reservation has this {@code reservationId} (404). */
  public static final String UNKNOWN_RESERVATION = "UNKNOWN_RESERVATION";
  /** A cancelled reservation cannot be committed (409). */
  public static final String RESERVATION_CANCELLED = "RESERVATION_CANCELLED";
  /** A committed reservation cannot be cancelled (409): its stock is gone; refunds are payment's business. */
  public static final String RESERVATION_COMMITTED = "RESERVATION_COMMITTED";

  private InventoryErrors() {
  }
}
