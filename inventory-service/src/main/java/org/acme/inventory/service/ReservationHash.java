package org.acme.inventory.service;

import io.vertx.mutiny.redis.client.Response;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.Map;
import org.acme.contracts.inventory.Reservation;

/**
 * Reads a reservation hash, as the scripts return it (field, value, ...). The total is worked out here from each
 * line's quantity and the unit price recorded when it was reserved, in exact decimals (Lua numbers are doubles).
 */
final class ReservationHash {

  private static final String QUANTITY = "qty:";
  private static final String PRICE = "price:";

  private ReservationHash() {
  }

  static Reservation read(Response flat) {
    Map<String, String> fields = new HashMap<>();
    for (int i = 0; i + 1 < flat.size(); i += 2) {
      fields.put(flat.get(i).toString(), flat.get(i + 1).toString());
    }
    BigDecimal total = BigDecimal.ZERO;
    for (Map.Entry<String, String> field : fields.entrySet()) {
      if (field.getKey().startsWith(QUANTITY)) {
        String sku = field.getKey().substring(QUANTITY.length());
        total = total.add(new BigDecimal(fields.get(PRICE + sku)).multiply(new BigDecimal(field.getValue())));
      }
    }
    return new Reservation(fields.get("reservationId"), fields.get("orderId"), fields.get("status"), total);
  }
}
