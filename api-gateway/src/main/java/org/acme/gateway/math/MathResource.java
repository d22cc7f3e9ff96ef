package org.acme.gateway.math;

import com.fasterxml.jackson.databind.JsonNode;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.acme.contracts.math.MathPatterns;
import org.acme.contracts.math.MultiplyRequest;
import org.acme.contracts.math.TokenRequest;
import org.acme.gateway.rest.CallerMistakeException;
import org.acme.transport.client.RemoteException;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.jboss.resteasy.reactive.RestStreamElementType;

/**
 * math-service over HTTP. Every route takes {@code ?transport=tcp|redis|nats|mqtt|rmq|kafka} (default tcp) and
 * names in its answer the transport that carried it.
 */
@Path("/api/math")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class MathResource {

  /** A math answer and the transport that carried it. */
  public record MathAnswer(JsonNode result, String transport) {
  }

  private static final String TRANSPORT_DOC = "tcp, redis, nats, mqtt, rmq or kafka";
  private final MathClient math;

  MathResource(MathClient math) {
    this.math = math;
  }

  @POST
  @Path("/sum")
  @Operation(summary = "Adds a list of numbers: {cmd:'sum'}")
  public Uni<MathAnswer> sum(@NotNull List<@NotNull BigDecimal> numbers,
      @Parameter(description = TRANSPORT_DOC) @QueryParam("transport") @DefaultValue("tcp") String transport) {
    MathTransport via = MathTransport.of(transport);
    return math.idempotent(via, MathPatterns.SUM, numbers).map(result -> new MathAnswer(result, via.wire()));
  }

  @POST
  @Path("/multiply")
  @Operation(summary = "Multiplies a by b: 'multiply'")
  public Uni<MathAnswer> multiply(@NotNull @Valid MultiplyRequest request,
      @Parameter(description = TRANSPORT_DOC) @QueryParam("transport") @DefaultValue("tcp") String transport) {
    MathTransport via = MathTransport.of(transport);
    return math.idempotent(via, MathPatterns.MULTIPLY, request).map(result -> new MathAnswer(result, via.wire()));
  }

  @GET
  @Path("/count")
  @Produces(MediaType.SERVER_SENT_EVENTS)
  @RestStreamElementType(MediaType.APPLICATION_JSON)
  @Operation(summary = "Counts 1..to as server-sent events, one per reply of the streamed {cmd:'count'}")
  public Multi<JsonNode> count(@QueryParam("to") @DefaultValue("5") @Min(0) @Max(1000) int to,
      @Parameter(description = TRANSPORT_DOC) @QueryParam("transport") @DefaultValue("tcp") String transport) {
    return math.stream(MathTransport.of(transport), MathPatterns.COUNT, Map.of("to", to));
  }

  @POST
  @Path("/protected")
  @Operation(summary = "The guarded {cmd:'protected'}: 403 unless the token is the configured secret")
  public Uni<JsonNode> protectedData(@NotNull TokenRequest request,
      @Parameter(description = TRANSPORT_DOC) @QueryParam("transport") @DefaultValue("tcp") String transport) {
    return math.idempotent(MathTransport.of(transport), MathPatterns.PROTECTED, request);
  }

  @GET
  @Path("/admin")
  @Operation(summary = "The role-guarded {cmd:'admin'}: a bearer token is needed (401), and math-service lets in only a caller "
      + "whose token has the admin group (else 403), from the identity that travels with the call")
  public Uni<JsonNode> admin(@Parameter(description = TRANSPORT_DOC) @QueryParam("transport") @DefaultValue("tcp") String transport) {
    return math.idempotent(MathTransport.of(transport), MathPatterns.ADMIN, Map.of());
  }

  @POST
  @Path("/data")
  @Operation(summary = "{cmd:'data'} echoes its body; an empty body meets the service's exception filter (400)")
  public Uni<JsonNode> data(JsonNode body,
      @Parameter(description = TRANSPORT_DOC) @QueryParam("transport") @DefaultValue("tcp") String transport) {
    return math.idempotent(MathTransport.of(transport), MathPatterns.DATA, body == null ? Map.of() : body)
        .onFailure(MathResource::isFilteredError).transform(e -> new CallerMistakeException(e.getMessage()));
  }

  /** The data route's filter answers {error, timestamp}: a caller's mistake, not a service failure. */
  private static boolean isFilteredError(Throwable failure) {
    return failure instanceof RemoteException remote && remote.err().has("error") && remote.err().has("timestamp");
  }

  @GET
  @Path("/context")
  @Operation(summary = "{cmd:'get_data'}: what the handler's context knows (pattern, transport)")
  public Uni<JsonNode> context(@Parameter(description = TRANSPORT_DOC) @QueryParam("transport") @DefaultValue("tcp") String transport) {
    return math.idempotent(MathTransport.of(transport), MathPatterns.GET_DATA, Map.of());
  }

  @GET
  @Path("/users-seen")
  @Operation(summary = "{cmd:'users_seen'}: the user ids this transport's user_created events delivered")
  public Uni<JsonNode> usersSeen(@Parameter(description = TRANSPORT_DOC) @QueryParam("transport") @DefaultValue("tcp") String transport) {
    return math.idempotent(MathTransport.of(transport), MathPatterns.USERS_SEEN, Map.of());
  }

  @GET
  @Path("/never")
  @Operation(summary = "{cmd:'never'} never answers: shows the deadline (504) at work")
  public Uni<JsonNode> never(@Parameter(description = TRANSPORT_DOC) @QueryParam("transport") @DefaultValue("tcp") String transport) {
    return math.once(MathTransport.of(transport), MathPatterns.NEVER, Map.of());
  }
}
