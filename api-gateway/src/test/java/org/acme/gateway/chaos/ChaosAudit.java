package org.acme.gateway.chaos;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.keys.KeyScanArgs;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What the system holds, read straight from its Redis: every order of the run (by the caller who placed it: its
 * customer id is the caller's key), the stock of the SKU the load buys, and the payment ledger. The judge of a chaos
 * run: whatever the services answered, this is what they did.
 */
final class ChaosAudit {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** An order as stored. */
  record StoredOrder(String orderId, String customer, String status, BigDecimal total) {
  }

  /** The stock hash of a SKU: initial = available + reserved + committed when nothing was lost or made. */
  record Stock(long initial, long available, long reserved, long committed) {
    boolean conserved() {
      return initial == available + reserved + committed;
    }
  }

  /** Money: charges taken, refunds given. */
  record Ledger(BigDecimal charged, BigDecimal refunded, Map<String, String> chargeStatus) {
    BigDecimal kept() {
      return charged.subtract(refunded);
    }
  }

  private final RedisDataSource redis;

  ChaosAudit(RedisDataSource redis) {
    this.redis = redis;
  }

  List<StoredOrder> orders() {
    List<StoredOrder> found = new ArrayList<>();
    for (String key : keys(ChaosSystem.ORDER_PREFIX + ":ord-*")) {
      String json = redis.hash(String.class).hget(key, "json");
      if (json != null) {
        JsonNode order = read(json);
        found.add(new StoredOrder(order.path("orderId").asText(), order.path("customerId").asText(), order.path("status").asText(),
            order.path("total").isNumber() ? order.path("total").decimalValue() : null));
      }
    }
    return found;
  }

  Stock widgets() {
    Map<String, String> stock = redis.hash(String.class).hgetall(ChaosSystem.INVENTORY_PREFIX + "stock:widget");
    return new Stock(number(stock, "initial"), number(stock, "available"), number(stock, "reserved"), number(stock, "committed"));
  }

  Ledger ledger() {
    BigDecimal charged = BigDecimal.ZERO;
    BigDecimal refunded = BigDecimal.ZERO;
    Map<String, String> status = new HashMap<>();
    for (String key : keys(ChaosSystem.PAYMENT_PREFIX + "charge:*")) {
      JsonNode charge = read(redis.value(String.class).get(key));
      status.put(charge.path("orderId").asText(), charge.path("status").asText());
      if ("COMPLETED".equals(charge.path("status").asText())) {
        charged = charged.add(charge.path("amount").decimalValue());
      }
    }
    for (String key : keys(ChaosSystem.PAYMENT_PREFIX + "refund:*")) {
      JsonNode refund = read(redis.value(String.class).get(key));
      refunded = refunded.add(refund.path("amount").decimalValue());
      status.put(refund.path("orderId").asText(), "REFUNDED");
    }
    return new Ledger(charged, refunded, status);
  }

  private List<String> keys(String pattern) {
    List<String> keys = new ArrayList<>();
    redis.key().scan(new KeyScanArgs().match(pattern).count(1000)).toIterable().forEach(keys::add);
    return keys;
  }

  private static long number(Map<String, String> hash, String field) {
    String value = hash.get(field);
    return value == null ? -1 : Long.parseLong(value);
  }

  private static JsonNode read(String json) {
    try {
      return JSON.readTree(json);
    } catch (Exception e) {
      throw new IllegalStateException("unreadable: " + json, e);
    }
  }
}
