package org.acme.gateway.users;

import io.smallrye.mutiny.Uni;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Map;
import org.acme.contracts.math.MathPatterns;
import org.acme.contracts.math.UserCreated;
import org.acme.gateway.math.MathClient;
import org.acme.gateway.math.MathTransport;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** Emits the seed's {@code user_created} event: accepted (202) once the transport has taken it. */
@Path("/api/users")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class UserResource {

  private final MathClient math;

  UserResource(MathClient math) {
    this.math = math;
  }

  @POST
  @Operation(summary = "Emits user_created; check delivery with GET /api/math/users-seen")
  public Uni<Response> create(@NotNull @Valid UserCreated user, @QueryParam("transport") @DefaultValue("tcp") String transport) {
    MathTransport via = MathTransport.of(transport);
    return math.emit(via, MathPatterns.USER_CREATED, user)
        .map(ok -> Response.accepted(Map.of("event", MathPatterns.USER_CREATED, "userId", user.userId(), "transport", via.wire())).build());
  }
}
