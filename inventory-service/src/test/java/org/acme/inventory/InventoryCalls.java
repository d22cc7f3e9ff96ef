package org.acme.inventory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.acme.contracts.inventory.InventoryPatterns;
import org.acme.contracts.inventory.Reservation;
import org.acme.contracts.inventory.ReserveItems;
import org.acme.contracts.inventory.StockLevel;
import org.acme.contracts.inventory.StockQuery;
import org.acme.contracts.order.OrderItem;
import org.acme.transport.client.NestClient;
import org.acme.transport.client.RemoteException;
import org.assertj.core.api.RecursiveComparisonAssert;

/** The calls a caller (the order saga) makes, through a real NATS client, and the errors it gets back. */
final class InventoryCalls {

  static final Duration WAIT = Duration.ofSeconds(10);

  private final NestClient client;

  InventoryCalls(NestClient client) {
    this.client = client;
  }

  static OrderItem item(String sku, int quantity) {
    return new OrderItem(sku, quantity);
  }

  Reservation reserve(String orderId, OrderItem... items) {
    return client.send(InventoryPatterns.RESERVE_ITEMS, new ReserveItems(orderId, List.of(items)), Reservation.class).await().atMost(WAIT);
  }

  Reservation commit(String reservationId) {
    return client.send(InventoryPatterns.COMMIT_RESERVATION, Reservation.ref(reservationId), Reservation.class).await().atMost(WAIT);
  }

  Reservation cancel(String reservationId) {
    return client.send(InventoryPatterns.CANCEL_RESERVATION, Reservation.ref(reservationId), Reservation.class).await().atMost(WAIT);
  }

  StockLevel stock(String sku) {
    StockLevel[] levels = client.send(InventoryPatterns.GET_STOCK, new StockQuery(sku), StockLevel[].class).await().atMost(WAIT);
    return levels[0];
  }

  List<StockLevel> stock() {
    return List.of(client.send(InventoryPatterns.GET_STOCK, new StockQuery(null), StockLevel[].class).await().atMost(WAIT));
  }

  /** Any pattern with any data, for payloads the typed calls cannot express. */
  JsonNode raw(String pattern, Object data) {
    return client.send(pattern, data, JsonNode.class).await().atMost(WAIT);
  }

  /**
   * Asserts on a value field by field, with decimals compared by value: JSON carries 24.50 as a number, which a
   * client may read back as 24.5.
   */
  static RecursiveComparisonAssert<?> same(Object actual) {
    return assertThat(actual).usingRecursiveComparison().withComparatorForType(BigDecimal::compareTo, BigDecimal.class);
  }

  /** The error the service answered the call with (its {@code err}); fails if the call succeeded. */
  static JsonNode error(Runnable call) {
    AtomicReference<JsonNode> err = new AtomicReference<>();
    assertThatThrownBy(call::run).isInstanceOfSatisfying(RemoteException.class, e -> err.set(e.err()));
    return err.get();
  }
}
