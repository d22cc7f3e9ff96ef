package org.acme.gateway.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * An RFC 9457 problem detail, the body of every error the gateway returns.
 *
 * <p>{@code type} stays {@code about:blank} (so {@code title} is the HTTP reason phrase, as the RFC asks); what went
 * wrong is in {@code detail}. {@code grpcStatus} is an extension member naming the upstream gRPC code, when there
 * was one, so a client can tell "no such hero" from "no such route".
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(String type, String title, int status, String detail, String grpcStatus) {

  /** The media type RFC 9457 registers for problem details in JSON. */
  public static final String MEDIA_TYPE = "application/problem+json";
  public static final MediaType MEDIA = MediaType.valueOf(MEDIA_TYPE);

  public static Problem of(Response.StatusType status, String detail) {
    return new Problem("about:blank", status.getReasonPhrase(), status.getStatusCode(), detail, null);
  }

  /** The same for any status code, those JAX-RS names (404, 503, ...) and the others (422 Unprocessable Content). */
  public static Problem of(int status, String detail) {
    Response.Status known = Response.Status.fromStatusCode(status);
    if (known != null) {
      return of(known, detail);
    }
    return new Problem("about:blank", status == 422 ? "Unprocessable Content" : Response.Status.Family.familyOf(status).name(), status,
        detail, null);
  }

  public Problem withGrpcStatus(String code) {
    return new Problem(type, title, status, detail, code);
  }

  /** The problem as a response with the right status and content type. */
  public Response toResponse() {
    return Response.status(status).type(MEDIA).entity(this).build();
  }
}
