package org.acme.gateway.orders;

import com.fasterxml.jackson.databind.JsonNode;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.HeaderParam;
import java.net.URI;
import java.util.UUID;
import org.acme.gateway.rest.CallerMistakeException;
import org.acme.transport.codec.InvalidMetadataException;
import org.acme.transport.codec.MessageMetadata;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.acme.contracts.order.CreateOrder;
import org.acme.contracts.order.StatusChange;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.jboss.resteasy.reactive.RestStreamElementType;

/**
 * Orders: placing one answers 202 at once with its id and PENDING, while the saga (reserve, pay, commit) runs
 * in the services; {@code GET /api/orders/{id}} tells where it stands and how it got there.
 */
@Path("/api/orders")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class OrderResource {

  static final String IDEMPOTENCY_KEY = "Idempotency-Key";

  private final OrdersClient orders;
  private final OrderStatusStream statuses;

  OrderResource(OrdersClient orders, OrderStatusStream statuses) {
    this.orders = orders;
    this.statuses = statuses;
  }

  /**
   * Places the order once per {@code Idempotency-Key}: the same key gives the same order and the same answer, so a
   * 503 or a 504 is safe to retry with it; the same key with another body is 422. Without one, the gateway makes one
   * for this request (a Kafka redelivery then still places one order). The answer names the key.
   */
  @POST
  @Operation(summary = "Places an order (create_order over Kafka), once per Idempotency-Key; the saga runs on, see GET /api/orders/{id}")
  public Uni<Response> place(@NotNull @Valid CreateOrder order,
      @Parameter(description = "1 to 128 printable ASCII characters; a retry with the same key and body gets the same order")
      @HeaderParam(IDEMPOTENCY_KEY) String idempotencyKey) {
    String key = idempotencyKey == null ? UUID.randomUUID().toString() : checkedKey(idempotencyKey);
    return orders.place(order, key).map(created -> Response.accepted(created)
        .location(URI.create("/api/orders/" + created.path("orderId").asText())).header(IDEMPOTENCY_KEY, key).build());
  }

  private static String checkedKey(String key) {
    try {
      if (key.isEmpty() || key.length() > 128) {
        throw new InvalidMetadataException("it has " + key.length() + " characters");
      }
      MessageMetadata.checkEntry(OrdersClient.IDEMPOTENCY_KEY, key);
      return key;
    } catch (InvalidMetadataException e) {
      throw new CallerMistakeException(IDEMPOTENCY_KEY + " must be 1 to 128 printable ASCII characters: " + e.getMessage());
    }
  }

  @GET
  @Path("/{id}")
  @Operation(summary = "An order with its status and saga history (get_order over Kafka); 404 if unknown")
  public Uni<JsonNode> get(@PathParam("id") String id) {
    return orders.get(id);
  }

  @GET
  @Path("/{id}/status")
  @Produces(MediaType.SERVER_SENT_EVENTS)
  @RestStreamElementType(MediaType.APPLICATION_JSON)
  @Operation(summary = "The order's statuses as server-sent events: its history, then each change (MQTT), until the saga ends; 404 if unknown")
  @Blocking
  public Multi<StatusChange> status(@PathParam("id") String id) {
    return statuses.follow(id);
  }
}
