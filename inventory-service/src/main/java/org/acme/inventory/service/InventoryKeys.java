package org.acme.inventory.service;

import jakarta.inject.Singleton;
import org.acme.inventory.config.InventoryConfig;

/** The Redis keys of this service, all under {@code inventory.key-prefix}: one place that names them. */
@Singleton
public class InventoryKeys {

  private final String prefix;

  InventoryKeys(InventoryConfig config) {
    this.prefix = config.keyPrefix();
  }

  /** A hash per SKU: sku, initial, available, reserved, committed, price. */
  public String stock(String sku) {
    return stockPrefix() + sku;
  }

  /** What the scripts put a SKU after to find its stock hash. */
  public String stockPrefix() {
    return prefix + "stock:";
  }

  /** The set of every SKU seeded, for get_stock without a SKU. */
  public String skus() {
    return prefix + "skus";
  }

  /** A hash per reservation: reservationId, orderId, status, and qty:&lt;sku&gt; and price:&lt;sku&gt; per line. */
  public String reservation(String reservationId) {
    return prefix + "reservation:" + reservationId;
  }
}
