package org.acme.inventory;

import static org.acme.inventory.InventoryCalls.error;
import static org.acme.inventory.InventoryCalls.item;
import static org.acme.inventory.InventoryCalls.same;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.redis.datasource.RedisDataSource;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.acme.contracts.inventory.InventoryErrors;
import org.acme.contracts.inventory.InventoryPatterns;
import org.acme.contracts.inventory.Reservation;
import org.acme.contracts.inventory.StockLevel;
import org.acme.inventory.service.InventoryKeys;
import org.acme.inventory.service.InventoryService;
import org.acme.transport.client.NestClients;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Reserve, commit, cancel and get_stock through a NATS client, as the order saga calls them: results, each error
 * code, idempotency and the cancel-before-reserve tombstone. Other tests share the stock, so each compares with
 * what it read before.
 */
@QuarkusTest
@QuarkusTestResource(UniqueInventoryNames.class)
class InventoryReservationTests {

  private final NestClients clients;
  private final InventoryService service;
  private final InventoryKeys keys;
  private final RedisDataSource redis;
  private InventoryCalls inventory;

  InventoryReservationTests(NestClients clients, InventoryService service, InventoryKeys keys, RedisDataSource redis) {
    this.clients = clients;
    this.service = service;
    this.keys = keys;
    this.redis = redis;
  }

  @BeforeEach
  void client() {
    inventory = new InventoryCalls(clients.get("inventory"));
  }

  private static String newOrder() {
    return "order-" + UUID.randomUUID();
  }

  @Test
  void reserveThenCommitKeepsTheUnitsTaken() {
    StockLevel widget = inventory.stock("widget");
    StockLevel gadget = inventory.stock("gadget");
    String order = newOrder();

    Reservation reserved = inventory.reserve(order, item("widget", 2), item("gadget", 1));
    same(reserved).isEqualTo(new Reservation(Reservation.idFor(order), order, Reservation.RESERVED, new BigDecimal("44.48")));
    same(inventory.stock("widget")).isEqualTo(new StockLevel("widget", widget.available() - 2, widget.reserved() + 2, new BigDecimal("9.99")));
    same(inventory.stock("gadget")).isEqualTo(new StockLevel("gadget", gadget.available() - 1, gadget.reserved() + 1, new BigDecimal("24.50")));

    Reservation committed = inventory.commit(reserved.reservationId());
    same(committed).isEqualTo(new Reservation(reserved.reservationId(), order, Reservation.COMMITTED, new BigDecimal("44.48")));
    same(inventory.stock("widget")).isEqualTo(new StockLevel("widget", widget.available() - 2, widget.reserved(), new BigDecimal("9.99")));
    assertThat(inventory.commit(reserved.reservationId())).as("committing twice").isEqualTo(committed);
    assertThat(inventory.stock("widget").available()).isEqualTo(widget.available() - 2);
  }

  @Test
  void cancelGivesTheUnitsBackOnce() {
    StockLevel widget = inventory.stock("widget");
    Reservation reserved = inventory.reserve(newOrder(), item("widget", 3));

    Reservation cancelled = inventory.cancel(reserved.reservationId());
    assertThat(cancelled.status()).isEqualTo(Reservation.CANCELLED);
    assertThat(cancelled.total()).isEqualByComparingTo("29.97");
    assertThat(inventory.stock("widget")).isEqualTo(widget);
    assertThat(inventory.cancel(reserved.reservationId())).as("cancelling twice").isEqualTo(cancelled);
    assertThat(inventory.stock("widget")).as("given back once").isEqualTo(widget);
  }

  @Test
  void theSameOrderAgainGetsItsReservationAndReservesNothingMore() {
    StockLevel widget = inventory.stock("widget");
    String order = newOrder();
    Reservation first = inventory.reserve(order, item("widget", 1));

    assertThat(inventory.reserve(order, item("widget", 1))).isEqualTo(first);
    assertThat(inventory.reserve(order, item("widget", 5), item("gadget", 1))).as("whatever the items").isEqualTo(first);
    assertThat(inventory.stock("widget").reserved()).isEqualTo(widget.reserved() + 1);

    Reservation committed = inventory.commit(first.reservationId());
    assertThat(inventory.reserve(order, item("widget", 1))).as("whatever its status").isEqualTo(committed);
    assertThat(inventory.stock("widget").available()).isEqualTo(widget.available() - 1);
  }

  /** A reservation that holds stock stays; once settled either way it expires after inventory.retention (30 days). */
  @Test
  void aSettledReservationExpiresAfterTheRetention() {
    Reservation held = inventory.reserve(newOrder(), item("widget", 1));
    assertThat(redis.key().pttl(keys.reservation(held.reservationId()))).as("holding stock: kept").isEqualTo(-1);
    inventory.commit(held.reservationId());
    Reservation cancelled = inventory.cancel(inventory.reserve(newOrder(), item("widget", 1)).reservationId());
    Reservation tombstone = inventory.cancel(Reservation.idFor(newOrder()));
    for (Reservation settled : List.of(held, cancelled, tombstone)) {
      assertThat(redis.key().pttl(keys.reservation(settled.reservationId()))).as(settled.status())
          .isBetween(Duration.ofDays(30).minusMinutes(1).toMillis(), Duration.ofDays(30).toMillis());
    }
  }

  @Test
  void aSkuListedTwiceIsOneLine() {
    StockLevel widget = inventory.stock("widget");
    Reservation reserved = inventory.reserve(newOrder(), item("widget", 1), item("widget", 2));
    assertThat(reserved.total()).isEqualByComparingTo("29.97");
    assertThat(inventory.stock("widget").reserved()).isEqualTo(widget.reserved() + 3);
    inventory.cancel(reserved.reservationId());
  }

  @Test
  void insufficientStockReservesNothingAndNamesTheSku() {
    StockLevel widget = inventory.stock("widget");
    String order = newOrder();

    JsonNode err = error(() -> inventory.reserve(order, item("widget", 1), item("gizmo", 1_000_000)));
    assertThat(err.path("status").asText()).isEqualTo("error");
    assertThat(err.path("code").asText()).isEqualTo(InventoryPatterns.INSUFFICIENT_STOCK);
    assertThat(err.path("statusCode").asInt()).isEqualTo(409);
    assertThat(err.path("sku").asText()).isEqualTo("gizmo");
    assertThat(err.path("requested").asLong()).isEqualTo(1_000_000);
    assertThat(err.path("message").asText()).contains("gizmo");
    assertThat(inventory.stock("widget")).as("all or nothing").isEqualTo(widget);

    // the refusal left no reservation behind: the order can try again
    assertThat(error(() -> inventory.commit(Reservation.idFor(order))).path("code").asText()).isEqualTo(InventoryErrors.UNKNOWN_RESERVATION);
    assertThat(inventory.reserve(order, item("widget", 1)).status()).isEqualTo(Reservation.RESERVED);
  }

  @Test
  void anUnknownSkuIsNotFound() {
    StockLevel widget = inventory.stock("widget");
    JsonNode err = error(() -> inventory.reserve(newOrder(), item("widget", 1), item("no-such-sku", 1)));
    assertThat(err.path("code").asText()).isEqualTo(InventoryErrors.UNKNOWN_SKU);
    assertThat(err.path("statusCode").asInt()).isEqualTo(404);
    assertThat(err.path("sku").asText()).isEqualTo("no-such-sku");
    assertThat(err.path("message").asText()).contains("no-such-sku");
    assertThat(inventory.stock("widget")).isEqualTo(widget);

    assertThat(error(() -> inventory.stock("no-such-sku")).path("code").asText()).isEqualTo(InventoryErrors.UNKNOWN_SKU);
  }

  @Test
  void reservationConflicts() {
    JsonNode unknown = error(() -> inventory.commit("res-never-made"));
    assertThat(unknown.path("code").asText()).isEqualTo(InventoryErrors.UNKNOWN_RESERVATION);
    assertThat(unknown.path("statusCode").asInt()).isEqualTo(404);
    assertThat(unknown.path("reservationId").asText()).isEqualTo("res-never-made");

    Reservation cancelled = inventory.cancel(inventory.reserve(newOrder(), item("widget", 1)).reservationId());
    JsonNode commitCancelled = error(() -> inventory.commit(cancelled.reservationId()));
    assertThat(commitCancelled.path("code").asText()).isEqualTo(InventoryErrors.RESERVATION_CANCELLED);
    assertThat(commitCancelled.path("statusCode").asInt()).isEqualTo(409);

    Reservation committed = inventory.commit(inventory.reserve(newOrder(), item("widget", 1)).reservationId());
    StockLevel widget = inventory.stock("widget");
    JsonNode cancelCommitted = error(() -> inventory.cancel(committed.reservationId()));
    assertThat(cancelCommitted.path("code").asText()).isEqualTo(InventoryErrors.RESERVATION_COMMITTED);
    assertThat(inventory.stock("widget")).as("nothing given back").isEqualTo(widget);
  }

  /** The saga compensates an order whose reserve_items timed out; the late request must then reserve nothing. */
  @Test
  void aCancelBeforeTheReservationLeavesATombstone() {
    StockLevel widget = inventory.stock("widget");
    String order = newOrder();

    Reservation tombstone = inventory.cancel(Reservation.idFor(order));
    same(tombstone).isEqualTo(new Reservation(Reservation.idFor(order), order, Reservation.CANCELLED, BigDecimal.ZERO));

    assertThat(inventory.reserve(order, item("widget", 2))).isEqualTo(tombstone);
    assertThat(inventory.stock("widget")).isEqualTo(widget);
    assertThat(error(() -> inventory.commit(tombstone.reservationId())).path("code").asText()).isEqualTo(InventoryErrors.RESERVATION_CANCELLED);
  }

  @Test
  void invalidPayloadsGetA400ShapedError() {
    List<JsonNode> errors = List.of(
        error(() -> inventory.reserve(newOrder())),
        error(() -> inventory.reserve(newOrder(), item("widget", 0))),
        error(() -> inventory.reserve("", item("widget", 1))),
        error(() -> inventory.raw(InventoryPatterns.RESERVE_ITEMS, Map.of("orderId", "x", "items", "many"))),
        error(() -> inventory.raw(InventoryPatterns.RESERVE_ITEMS, List.of())),
        error(() -> inventory.raw(InventoryPatterns.RESERVE_ITEMS, null)),
        error(() -> inventory.raw(InventoryPatterns.COMMIT_RESERVATION, Map.of())),
        error(() -> inventory.raw(InventoryPatterns.CANCEL_RESERVATION, Map.of("reservationId", " "))));
    for (JsonNode err : errors) {
      assertThat(err.path("status").asText()).as(err.toString()).isEqualTo("error");
      assertThat(err.path("statusCode").asInt()).as(err.toString()).isEqualTo(400);
    }
    assertThat(errors.get(1).path("errors").toString()).contains("items[0].quantity");
    assertThat(errors.get(2).path("errors").toString()).contains("orderId");
    assertThat(errors.get(3).path("message").asText()).startsWith("Invalid payload");
  }

  @Test
  void getStockListsEverySkuSortedWithItsPrice() {
    List<StockLevel> all = inventory.stock();
    assertThat(all).extracting(StockLevel::sku).containsExactly("companion", "contested", "gadget", "gizmo", "widget");
    assertThat(all).filteredOn(level -> level.sku().equals("gizmo")).singleElement()
        .satisfies(gizmo -> assertThat(gizmo.price()).isEqualByComparingTo("99.00"));
    assertThat(inventory.raw(InventoryPatterns.GET_STOCK, Map.of()).size()).as("no data: every SKU").isEqualTo(all.size());
    assertThat(inventory.stock("gizmo").sku()).isEqualTo("gizmo");
  }

  /** A restart seeds again: only SKUs Redis lacks get stock, so reserved and sold units stay so. */
  @Test
  void seedingAgainKeepsTheStock() {
    Reservation reserved = inventory.reserve(newOrder(), item("gadget", 2));
    StockLevel gadget = inventory.stock("gadget");
    service.seed().await().atMost(InventoryCalls.WAIT);
    assertThat(inventory.stock("gadget")).isEqualTo(gadget);
    inventory.cancel(reserved.reservationId());
  }
}
