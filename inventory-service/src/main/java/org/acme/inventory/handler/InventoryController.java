package org.acme.inventory.handler;

import io.smallrye.mutiny.Uni;
import java.util.List;
import java.util.Optional;
import org.acme.contracts.inventory.InventoryPatterns;
import org.acme.contracts.inventory.Reservation;
import org.acme.contracts.inventory.ReserveItems;
import org.acme.contracts.inventory.StockLevel;
import org.acme.contracts.inventory.StockQuery;
import org.acme.inventory.service.InventoryService;
import org.acme.transport.codec.NestError;
import org.acme.transport.handler.MessageController;
import org.acme.transport.handler.MessagePattern;
import org.acme.transport.handler.RpcException;

/**
 * inventory-service's patterns, served over NATS in the queue group {@value InventoryPatterns#QUEUE_GROUP}: each
 * request goes to one instance. Payloads are validated before they get here (a bad one is answered with a
 * 400-shaped error); each method returns a Uni, so no thread waits on Redis.
 */
@MessageController
public class InventoryController {

  private final InventoryService inventory;

  InventoryController(InventoryService inventory) {
    this.inventory = inventory;
  }

  @MessagePattern(InventoryPatterns.RESERVE_ITEMS)
  public Uni<Reservation> reserveItems(ReserveItems request) {
    return inventory.reserve(required(request));
  }

  /** The data is a reservation of which only {@code reservationId} is read. */
  @MessagePattern(InventoryPatterns.COMMIT_RESERVATION)
  public Uni<Reservation> commitReservation(Reservation reservation) {
    return inventory.commit(required(reservation).reservationId());
  }

  @MessagePattern(InventoryPatterns.CANCEL_RESERVATION)
  public Uni<Reservation> cancelReservation(Reservation reservation) {
    return inventory.cancel(required(reservation).reservationId());
  }

  /** {@code {sku}} gives that SKU alone; no data or no {@code sku} gives every SKU. */
  @MessagePattern(InventoryPatterns.GET_STOCK)
  public Uni<List<StockLevel>> getStock(StockQuery query) {
    return inventory.stock(Optional.ofNullable(query).map(StockQuery::sku).filter(sku -> !sku.isBlank()));
  }

  /**
   * The transport validates a payload that is there; a missing one (null data) gets the same 400 shape here,
   * rather than failing inside as an internal error.
   */
  private static <T> T required(T payload) {
    if (payload == null) {
      throw new RpcException(NestError.invalid("Invalid payload: data is required", List.of()));
    }
    return payload;
  }
}
