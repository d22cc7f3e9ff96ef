package org.acme.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.acme.contracts.inventory.InventoryPatterns;
import org.acme.transport.testing.NestPeers;
import org.acme.transport.testing.NestPeers.Call;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A real, unmodified NestJS ClientProxy (11 and 12) over NATS calls inventory-service, as a Nest order service would. */
@QuarkusTest
@QuarkusTestResource(UniqueInventoryNames.class)
class InventoryFromNestTests {

  @ParameterizedTest(name = "NestJS {0}")
  @ValueSource(strings = {"11", "12"})
  void aNestClientReservesAndReadsTheStock(String nest) {
    String order = "nest-" + UUID.randomUUID();
    Map<String, Object> reserve = Map.of("orderId", order, "items", List.of(Map.of("sku", "widget", "quantity", 2)));
    List<JsonNode> results = NestPeers.client(NestPeers.Version.of(nest), "NATS", Map.of("servers", List.of("nats://127.0.0.1:4222")), Map.of(), List.of(
        Call.send(InventoryPatterns.GET_STOCK, Map.of("sku", "widget")),
        Call.send(InventoryPatterns.RESERVE_ITEMS, reserve),
        Call.send(InventoryPatterns.RESERVE_ITEMS, reserve),
        Call.send(InventoryPatterns.GET_STOCK, Map.of("sku", "widget")),
        Call.send(InventoryPatterns.RESERVE_ITEMS, Map.of("orderId", order + "-big", "items", List.of(Map.of("sku", "gizmo", "quantity", 1_000_000)))),
        Call.send(InventoryPatterns.GET_STOCK, Map.of())), false, Duration.ofSeconds(5));

    results.forEach(result -> assertThat(result.path("timeout").asBoolean()).as(result.toString()).isFalse());
    JsonNode before = results.get(0).path("values").get(0).get(0);
    JsonNode reservation = results.get(1).path("values").get(0);
    assertThat(reservation.path("reservationId").asText()).isEqualTo("res-" + order);
    assertThat(reservation.path("orderId").asText()).isEqualTo(order);
    assertThat(reservation.path("status").asText()).isEqualTo("RESERVED");
    assertThat(reservation.path("total").decimalValue()).isEqualByComparingTo("19.98");
    assertThat(results.get(2).path("values").get(0)).as("the same order again").isEqualTo(reservation);
    JsonNode after = results.get(3).path("values").get(0).get(0);
    assertThat(after.path("available").asInt()).isEqualTo(before.path("available").asInt() - 2);
    assertThat(after.path("reserved").asInt()).isEqualTo(before.path("reserved").asInt() + 2);
    JsonNode refused = results.get(4);
    assertThat(refused.path("ok").asBoolean()).isFalse();
    assertThat(refused.path("err").path("code").asText()).as(refused.toString()).isEqualTo(InventoryPatterns.INSUFFICIENT_STOCK);
    assertThat(refused.path("err").path("sku").asText()).isEqualTo("gizmo");
    assertThat(results.get(5).path("values").get(0)).extracting(level -> level.path("sku").asText())
        .containsExactly("companion", "contested", "gadget", "gizmo", "widget");
  }
}
