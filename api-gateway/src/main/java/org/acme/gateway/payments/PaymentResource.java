package org.acme.gateway.payments;

import com.fasterxml.jackson.databind.JsonNode;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** An order's payment as payment-service records it (get_payment over RabbitMQ): charged, declined or refunded. */
@Path("/api/payments")
@Produces(MediaType.APPLICATION_JSON)
public class PaymentResource {

  private final PaymentsClient payments;

  PaymentResource(PaymentsClient payments) {
    this.payments = payments;
  }

  @GET
  @Path("/{orderId}")
  @Operation(summary = "The payment of an order: COMPLETED, DECLINED or REFUNDED, with amount and reason; 404 if none")
  public Uni<JsonNode> find(@PathParam("orderId") String orderId) {
    return payments.find(orderId);
  }
}
