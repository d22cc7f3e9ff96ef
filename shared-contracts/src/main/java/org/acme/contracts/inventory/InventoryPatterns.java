package org.acme.contracts.inventory;

/** inventory-service's patterns, on NATS in the queue group {@link #QUEUE_GROUP}. */
public final class InventoryPatterns {
  public static final String RESERVE_ITEMS = "reserve_items";
  public static final String COMMIT_RESERVATION = "commit_reservation";
  public static final String CANCEL_RESERVATION = "cancel_reservation";
  public static final String GET_STOCK = "get_stock";
  public static final String QUEUE_GROUP = "inventory-service";
  /** The error code of a reservation that the stock cannot cover. */
  public static final String INSUFFICIENT_STOCK = "INSUFFICIENT_STOCK";

  private InventoryPatterns() {
  }
}
