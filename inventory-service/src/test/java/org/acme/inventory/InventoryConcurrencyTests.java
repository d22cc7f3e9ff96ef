package org.acme.inventory;

import static org.acme.inventory.InventoryCalls.item;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import org.acme.contracts.inventory.InventoryPatterns;
import org.acme.contracts.inventory.Reservation;
import org.acme.contracts.inventory.ReserveItems;
import org.acme.inventory.service.InventoryKeys;
import org.acme.transport.client.NestClient;
import org.acme.transport.client.NestClients;
import org.acme.transport.client.RemoteException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Many callers at once, through NATS: no oversell, no reservation made twice, and for every SKU
 * {@code available + reserved + committed == initial}, read straight from Redis. Only these tests touch the
 * {@code contested} (20 units) and {@code companion} (1000 units) SKUs.
 */
@QuarkusTest
@QuarkusTestResource(UniqueInventoryNames.class)
class InventoryConcurrencyTests {

  private static final Duration ALL_DONE = Duration.ofSeconds(30);
  private static final int CONTESTED_STOCK = 20;

  private final NestClients clients;
  private final RedisDataSource redis;
  private final InventoryKeys keys;
  private NestClient client;
  private InventoryCalls inventory;

  InventoryConcurrencyTests(NestClients clients, RedisDataSource redis, InventoryKeys keys) {
    this.clients = clients;
    this.redis = redis;
    this.keys = keys;
  }

  @BeforeEach
  void client() {
    client = clients.get("inventory");
    inventory = new InventoryCalls(client);
  }

  /** What one concurrent call came back with: a reservation or the service's error. */
  private record Outcome(int quantity, Reservation reservation, RemoteException error) {
  }

  @Test
  void fiftyOrdersCompetingForTwentyUnitsNeverOversell() {
    long companionReserved = stock("companion").get("reserved");
    List<Uni<Outcome>> calls = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      int quantity = i % 3 + 1;
      ReserveItems order = new ReserveItems("order-" + UUID.randomUUID(), List.of(item("contested", quantity), item("companion", 1)));
      calls.add(client.send(InventoryPatterns.RESERVE_ITEMS, order, Reservation.class)
          .map(reservation -> new Outcome(quantity, reservation, null))
          .onFailure(RemoteException.class).recoverWithItem(e -> new Outcome(quantity, null, (RemoteException) e)));
    }
    List<Outcome> outcomes = Uni.join().all(calls).andFailFast().await().atMost(ALL_DONE);

    List<Outcome> won = outcomes.stream().filter(o -> o.reservation() != null).toList();
    List<Outcome> lost = outcomes.stream().filter(o -> o.error() != null).toList();
    int taken = won.stream().mapToInt(Outcome::quantity).sum();
    for (Outcome o : won) {
      assertThat(o.reservation().status()).isEqualTo(Reservation.RESERVED);
      assertThat(o.reservation().total()).isEqualByComparingTo(new BigDecimal("2.50").multiply(BigDecimal.valueOf(o.quantity())).add(new BigDecimal("0.10")));
    }
    for (Outcome o : lost) {
      assertThat(o.error().err().path("code").asText()).isEqualTo(InventoryPatterns.INSUFFICIENT_STOCK);
      assertThat(o.error().err().path("sku").asText()).isEqualTo("contested");
    }
    assertThat(taken).as("no oversell").isLessThanOrEqualTo(CONTESTED_STOCK);
    int left = CONTESTED_STOCK - taken;
    // stock only went down here, so every refused order wanted more than what is left now: nothing was refused wrongly
    assertThat(lost).allSatisfy(o -> assertThat(o.quantity()).isGreaterThan(left));
    assertThat(stock("contested")).containsEntry("available", (long) left).containsEntry("reserved", (long) taken);
    assertThat(stock("companion")).as("all or nothing: the companion moved only with a won order")
        .containsEntry("reserved", companionReserved + won.size());
    assertConserved("contested", "companion");

    // the saga's two endings, at once: commit half of the winners, cancel the other half
    List<Uni<Reservation>> endings = new ArrayList<>();
    int committed = 0;
    for (int i = 0; i < won.size(); i++) {
      String id = won.get(i).reservation().reservationId();
      boolean commit = i % 2 == 0;
      committed += commit ? won.get(i).quantity() : 0;
      endings.add(client.send(commit ? InventoryPatterns.COMMIT_RESERVATION : InventoryPatterns.CANCEL_RESERVATION, Reservation.ref(id), Reservation.class));
    }
    Uni.join().all(endings).andFailFast().await().atMost(ALL_DONE);
    assertThat(stock("contested")).containsEntry("reserved", 0L).containsEntry("committed", (long) committed)
        .containsEntry("available", (long) CONTESTED_STOCK - committed);
    assertConserved("contested", "companion");
  }

  @Test
  void theSameOrderTenTimesAtOnceReservesOnce() {
    long reserved = stock("companion").get("reserved");
    ReserveItems order = new ReserveItems("order-" + UUID.randomUUID(), List.of(item("companion", 5)));
    List<Reservation> replies = Uni.join().all(IntStream.range(0, 10)
        .mapToObj(i -> client.send(InventoryPatterns.RESERVE_ITEMS, order, Reservation.class)).toList())
        .andFailFast().await().atMost(ALL_DONE);
    assertThat(replies).hasSize(10).containsOnly(replies.get(0));
    assertThat(stock("companion").get("reserved")).isEqualTo(reserved + 5);

    String id = replies.get(0).reservationId();
    Uni.join().all(IntStream.range(0, 10)
        .mapToObj(i -> client.send(InventoryPatterns.CANCEL_RESERVATION, Reservation.ref(id), Reservation.class)).toList())
        .andFailFast().await().atMost(ALL_DONE);
    assertThat(stock("companion").get("reserved")).as("given back once").isEqualTo(reserved);
    assertConserved("companion");
    assertThat(inventory.stock("companion").reserved()).isEqualTo((int) reserved);
  }

  /** The SKU's hash as Redis holds it: initial, available, reserved, committed. */
  private Map<String, Long> stock(String sku) {
    Map<String, Long> counts = new HashMap<>();
    redis.hash(String.class).hgetall(keys.stock(sku)).forEach((field, value) -> {
      if (!field.equals("sku") && !field.equals("price")) {
        counts.put(field, Long.parseLong(value));
      }
    });
    return counts;
  }

  private void assertConserved(String... skus) {
    for (String sku : skus) {
      Map<String, Long> s = stock(sku);
      assertThat(s.get("available") + s.get("reserved") + s.get("committed")).as("%s conserved: %s", sku, s).isEqualTo(s.get("initial"));
    }
  }
}
