package org.acme.inventory.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.validation.constraints.PositiveOrZero;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.Map;

/**
 * inventory-service's own settings: the catalogue it starts with and where it keeps stock in Redis.
 *
 * @see org.acme.inventory.service.StockSeeder
 */
@ConfigMapping(prefix = "inventory")
public interface InventoryConfig {

  /**
   * Prefix of every Redis key this service owns ({@code <prefix>stock:<sku>}, {@code <prefix>reservation:<id>},
   * {@code <prefix>skus}). Default {@code inventory:}. Tests give each run its own, so builds sharing a Redis do not
   * meet. For a Redis Cluster, put a hash tag in it ({@code {inventory}:}): the scripts touch several keys at once.
   */
  @WithDefault("inventory:")
  String keyPrefix();

  /**
   * How long a settled reservation (committed or cancelled) stays in Redis; then it expires, so Redis does not grow
   * for ever. A reservation that still holds stock never expires. A late {@code reserve_items} for an order cancelled
   * longer ago than this reserves again. Default 30d.
   */
  @WithDefault("30d")
  Duration retention();

  /**
   * The catalogue, per SKU: {@code inventory.catalogue.<sku>.stock} and {@code .price}. application.properties
   * holds the default catalogue (widget, gadget, gizmo). Only a SKU that Redis does not know yet gets its stock from
   * here, so a restart keeps the stock as it was; the price always follows this configuration.
   */
  Map<String, Item> catalogue();

  interface Item {
    /** Units in stock when the SKU is first seeded. A negative count stops the start-up. */
    @PositiveOrZero
    int stock();

    /** Unit price, an exact decimal (as money should be). A negative price stops the start-up. */
    @PositiveOrZero
    BigDecimal price();
  }
}
