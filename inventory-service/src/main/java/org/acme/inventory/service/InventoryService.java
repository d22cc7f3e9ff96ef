package org.acme.inventory.service;

import io.quarkus.logging.Log;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Response;
import jakarta.inject.Singleton;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import org.acme.contracts.inventory.InventoryErrors;
import org.acme.contracts.inventory.Reservation;
import org.acme.contracts.inventory.ReserveItems;
import org.acme.contracts.inventory.StockLevel;
import org.acme.contracts.order.OrderItem;
import org.acme.inventory.config.InventoryConfig;
import org.acme.transport.redis.RedisScript;
import org.acme.transport.tracing.LogMdc;

/**
 * Stock and reservations in Redis. Every change runs as one Lua script (see {@code src/main/resources/redis}), so
 * each is atomic under any number of concurrent callers and instances, and for every SKU
 * {@code available + reserved + committed == initial} holds at all times.
 */
@Singleton
public class InventoryService {

  private static final String ORDER_PREFIX = Reservation.idFor("");

  private final ReactiveRedisDataSource redis;
  private final InventoryConfig config;
  private final InventoryKeys keys;
  private final RedisScript seedScript = RedisScript.load(InventoryService.class, "seed");
  private final RedisScript reserveScript = RedisScript.load(InventoryService.class, "reserve");
  private final RedisScript settleScript = RedisScript.load(InventoryService.class, "settle");
  private final RedisScript stockScript = RedisScript.load(InventoryService.class, "stock");
  /** Set once the catalogue is in Redis: until then an unseeded SKU would wrongly read as unknown. */
  private volatile boolean seeded;

  InventoryService(ReactiveRedisDataSource redis, InventoryConfig config, InventoryKeys keys) {
    this.redis = redis;
    this.config = config;
    this.keys = keys;
  }

  /** Puts every catalogue SKU that Redis lacks into it; idempotent, so any instance may run it any time. */
  public Uni<Void> seed() {
    return Multi.createFrom().iterable(new TreeMap<>(config.catalogue()).entrySet())
        .onItem().transformToUniAndConcatenate(e -> seedScript.run(redis, List.of(keys.stock(e.getKey()), keys.skus()),
            List.of(e.getKey(), String.valueOf(e.getValue().stock()), e.getValue().price().toPlainString())))
        .collect().last()
        .invoke(() -> {
          seeded = true;
          Log.infof("Inventory: %d SKUs in Redis under %s", config.catalogue().size(), keys.skus());
        })
        .replaceWithVoid();
  }

  /** Reserves all lines or none; the same order again gets its existing reservation back, whatever its status. */
  public Uni<Reservation> reserve(ReserveItems request) {
    // one line per SKU, sorted, so a SKU listed twice is checked against its whole quantity
    SortedMap<String, Long> lines = new TreeMap<>();
    for (OrderItem item : request.items()) {
      lines.merge(item.sku(), (long) item.quantity(), Long::sum);
    }
    String reservationId = Reservation.idFor(request.orderId());
    List<String> scriptKeys = new ArrayList<>(List.of(keys.reservation(reservationId)));
    List<String> args = new ArrayList<>(List.of(reservationId, request.orderId()));
    lines.forEach((sku, quantity) -> {
      scriptKeys.add(keys.stock(sku));
      args.add(sku);
      args.add(String.valueOf(quantity));
    });
    return whenSeeded().chain(() -> reserveScript.run(redis, scriptKeys, args)).map(reply -> switch (reply.get(0).toString()) {
      case "OK" -> ReservationHash.read(reply.get(1));
      case InventoryErrors.UNKNOWN_SKU -> throw InventoryRejections.unknownSku(reply.get(1).toString());
      case InventoryErrors.INSUFFICIENT_STOCK -> throw InventoryRejections.insufficientStock(reply.get(1).toString(),
          reply.get(2).toLong(), reply.get(3).toLong());
      default -> throw unexpected(reply);
    }).invoke(reservation -> logAnswer("reserve", reservation));
  }

  /** RESERVED becomes COMMITTED: the units stay taken for good. Committing twice is committing once. */
  public Uni<Reservation> commit(String reservationId) {
    return settle(reservationId, "COMMITTED").map(reply -> switch (reply.get(0).toString()) {
      case "OK" -> ReservationHash.read(reply.get(1));
      case InventoryErrors.UNKNOWN_RESERVATION -> throw InventoryRejections.unknownReservation(reservationId);
      case InventoryErrors.RESERVATION_CANCELLED -> throw InventoryRejections.cancelled(reservationId);
      default -> throw unexpected(reply);
    }).invoke(reservation -> logAnswer("commit", reservation));
  }

  /**
   * RESERVED becomes CANCELLED and its units are available again, once however often it is called. An id never
   * reserved is cancelled in advance (a tombstone): the saga may compensate before a slow reservation lands.
   */
  public Uni<Reservation> cancel(String reservationId) {
    return settle(reservationId, "CANCELLED").map(reply -> switch (reply.get(0).toString()) {
      case "OK" -> ReservationHash.read(reply.get(1));
      case InventoryErrors.RESERVATION_COMMITTED -> throw InventoryRejections.committed(reservationId);
      default -> throw unexpected(reply);
    }).invoke(reservation -> logAnswer("cancel", reservation));
  }

  private Uni<Response> settle(String reservationId, String outcome) {
    String orderId = reservationId.startsWith(ORDER_PREFIX) ? reservationId.substring(ORDER_PREFIX.length()) : "";
    return whenSeeded().chain(() -> settleScript.run(redis, List.of(keys.reservation(reservationId)),
        List.of(keys.stockPrefix(), outcome, reservationId, orderId, String.valueOf(config.retention().toMillis()))));
  }

  /** One SKU's stock, or every SKU's, sorted by SKU, from one consistent snapshot. */
  public Uni<List<StockLevel>> stock(Optional<String> sku) {
    if (sku.isPresent()) {
      return whenSeeded().chain(() -> redis.execute("HMGET", keys.stock(sku.get()), "available", "reserved", "price")).map(fields -> {
        if (fields.get(0) == null) {
          throw InventoryRejections.unknownSku(sku.get());
        }
        return List.of(level(sku.get(), fields, 0));
      });
    }
    return whenSeeded().chain(() -> stockScript.run(redis, List.of(keys.skus()), List.of(keys.stockPrefix()))).map(InventoryService::allLevels);
  }

  private static List<StockLevel> allLevels(Response flat) {
    List<StockLevel> all = new ArrayList<>();
    for (int i = 0; i + 3 < flat.size(); i += 4) {
      all.add(level(flat.get(i).toString(), flat, i + 1));
    }
    all.sort(Comparator.comparing(StockLevel::sku));
    return all;
  }

  private static StockLevel level(String sku, Response fields, int from) {
    return new StockLevel(sku, fields.get(from).toInteger(), fields.get(from + 1).toInteger(), new BigDecimal(fields.get(from + 2).toString()));
  }

  /** One line per answered change (repeats included: a saga asking again is worth seeing when tracing an order). */
  private static void logAnswer(String asked, Reservation reservation) {
    LogMdc.order(reservation.orderId(), () -> Log.infof("Inventory: %s for order %s: reservation %s is %s", asked, reservation.orderId(),
        reservation.reservationId(), reservation.status()));
  }

  private Uni<Void> whenSeeded() {
    return seeded ? Uni.createFrom().voidItem() : seed();
  }

  private static IllegalStateException unexpected(Response reply) {
    return new IllegalStateException("unexpected script reply " + reply);
  }
}
