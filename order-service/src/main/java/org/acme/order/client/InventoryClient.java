package org.acme.order.client;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Singleton;
import java.util.List;
import org.acme.contracts.inventory.InventoryPatterns;
import org.acme.contracts.inventory.Reservation;
import org.acme.contracts.inventory.ReserveItems;
import org.acme.contracts.order.OrderItem;
import org.acme.order.config.OrderConfig;
import org.acme.transport.client.GuardedClient;
import org.acme.transport.client.GuardedClients;

/** inventory-service over NATS ({@code nest.client.inventory.*}). Every call is idempotent, so all are retried. */
@Singleton
public class InventoryClient {

  private final GuardedClient inventory;
  private final ObjectMapper json;

  InventoryClient(GuardedClients clients, OrderConfig config, ObjectMapper json) {
    this.inventory = clients.get("inventory", "inventory", config.calls(), "order.calls");
    this.json = json;
  }

  public Uni<Reservation> reserve(String orderId, List<OrderItem> items) {
    return call(InventoryPatterns.RESERVE_ITEMS, new ReserveItems(orderId, items));
  }

  public Uni<Reservation> commit(String orderId) {
    return call(InventoryPatterns.COMMIT_RESERVATION, Reservation.ref(Reservation.idFor(orderId)));
  }

  /** Also for a reservation whose answer never came: inventory then remembers it as cancelled. */
  public Uni<Reservation> cancel(String orderId) {
    return call(InventoryPatterns.CANCEL_RESERVATION, Reservation.ref(Reservation.idFor(orderId)));
  }

  private Uni<Reservation> call(String pattern, Object data) {
    return inventory.idempotent(pattern, data).map(answer -> json.convertValue(answer, Reservation.class));
  }
}
