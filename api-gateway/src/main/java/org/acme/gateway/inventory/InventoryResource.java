package org.acme.gateway.inventory;

import com.fasterxml.jackson.databind.JsonNode;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.acme.gateway.orders.OrdersClient;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** Stock levels from inventory-service (get_stock over NATS): what is free, what open orders hold, the price. */
@Path("/api/inventory")
@Produces(MediaType.APPLICATION_JSON)
public class InventoryResource {

  private final OrdersClient orders;

  InventoryResource(OrdersClient orders) {
    this.orders = orders;
  }

  @GET
  @Operation(summary = "Every SKU's stock")
  public Uni<JsonNode> all() {
    return orders.stock(null);
  }

  @GET
  @Path("/{sku}")
  @Operation(summary = "One SKU's stock; 404 if unknown")
  public Uni<JsonNode> one(@PathParam("sku") String sku) {
    return orders.stock(sku);
  }
}
