package org.acme.gateway.math;

import io.smallrye.mutiny.Uni;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.math.BigDecimal;
import java.util.List;
import org.acme.contracts.math.MathPatterns;
import org.acme.gateway.math.MathResource.MathAnswer;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

/**
 * Version 2 of the math routes, beside version 1 ({@code /api/math}, unchanged): a route per version, as a pattern
 * per version behind it ({@code {cmd:'sum', v:2}}). Only what changed has a v2; see README "Evolving a pattern".
 */
@Path("/api/v2/math")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class MathV2Resource {

  private final MathClient math;

  MathV2Resource(MathClient math) {
    this.math = math;
  }

  @POST
  @Path("/sum")
  @Operation(summary = "Sums a list of numbers with their count, min, max and mean: {cmd:'sum', v:2}")
  public Uni<MathAnswer> sum(@NotNull List<@NotNull BigDecimal> numbers,
      @Parameter(description = "tcp, redis, nats, mqtt, rmq or kafka") @QueryParam("transport") @DefaultValue("tcp") String transport) {
    MathTransport via = MathTransport.of(transport);
    return math.idempotent(via, MathPatterns.SUM_V2, numbers).map(result -> new MathAnswer(result, via.wire()));
  }
}
