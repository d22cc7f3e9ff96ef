package org.acme.gateway.bench;

import io.quarkus.arc.properties.IfBuildProperty;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.math.BigDecimal;
import java.util.List;

/**
 * What a user would write instead of the gateway's hop to math-service: the sum as a bare Quarkus REST endpoint, the
 * same JSON in and out. Only in the gateway overhead benchmark's build ({@code bench.bare-sum=true}).
 */
@Path("/bench/bare-sum")
@IfBuildProperty(name = "bench.bare-sum", stringValue = "true")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
public class BareSumResource {

  public record Answer(BigDecimal result, String transport) {
  }

  @POST
  public Answer sum(@NotNull List<@NotNull BigDecimal> numbers) {
    return new Answer(numbers.stream().reduce(BigDecimal.ZERO, BigDecimal::add), "none");
  }
}
