package org.acme.gateway.orders;

import com.fasterxml.jackson.databind.JsonNode;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Singleton;
import org.acme.contracts.inventory.InventoryPatterns;
import org.acme.contracts.inventory.StockQuery;
import org.acme.contracts.order.CreateOrder;
import org.acme.contracts.order.OrderPatterns;
import org.acme.contracts.order.OrderRef;
import org.acme.gateway.config.GatewayConfig;
import org.acme.gateway.rest.CallerMetadata;
import org.acme.transport.client.GuardedClient;
import org.acme.transport.client.GuardedClients;

/**
 * order-service over Kafka ({@code nest.client.orders.*}) and inventory-service over NATS
 * ({@code nest.client.inventory.*}), each behind its own guard. Placing an order is not idempotent (each call is
 * a new order), so it is tried once; reads are retried. Every call carries the HTTP request's metadata.
 */
@Singleton
public class OrdersClient {

  /** The metadata key of create_order's idempotency key. */
  public static final String IDEMPOTENCY_KEY = OrderPatterns.IDEMPOTENCY_KEY;

  private final GuardedClient placing;
  private final GuardedClient orders;
  private final GuardedClient inventory;

  OrdersClient(GuardedClients clients, GatewayConfig config) {
    // a circuit per route: oversized or failing placements do not break order lookups
    this.placing = clients.get("orders", "create_order over kafka", config.calls(), "gateway.calls");
    this.orders = clients.get("orders", "get_order over kafka", config.calls(), "gateway.calls");
    this.inventory = clients.get("inventory", "inventory over nats", config.calls(), "gateway.calls");
  }

  /**
   * Once per key: order-service maps the key to the order it placed (the key travels as metadata). The order has no id
   * yet, so the Kafka record is keyed by the idempotency key: a retry with the key is handled after its first try, not beside it.
   */
  public Uni<JsonNode> place(CreateOrder order, String idempotencyKey) {
    return placing.once(OrderPatterns.CREATE_ORDER, order,
        CallerMetadata.options().with(IDEMPOTENCY_KEY, idempotencyKey).withKafkaKey(idempotencyKey));
  }

  /** Keyed by the order id, like the order's payment events. */
  public Uni<JsonNode> get(String orderId) {
    return orders.idempotent(OrderPatterns.GET_ORDER, new OrderRef(orderId), CallerMetadata.options().withKafkaKey(orderId));
  }

  public Uni<JsonNode> stock(String sku) {
    return inventory.idempotent(InventoryPatterns.GET_STOCK, new StockQuery(sku), CallerMetadata.options());
  }
}
