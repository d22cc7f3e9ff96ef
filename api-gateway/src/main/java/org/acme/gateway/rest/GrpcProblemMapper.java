package org.acme.gateway.rest;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Turns a failed gRPC call into the HTTP status a REST client expects, as problem details. Any gateway route that
 * calls a gRPC service gets this mapping by letting the {@link StatusRuntimeException} escape.
 *
 * <p>Codes with no closer HTTP meaning become 502 Bad Gateway: the upstream failed, not the request.
 */
public class GrpcProblemMapper {

  @ServerExceptionMapper
  public Response toProblem(StatusRuntimeException failure) {
    return problemFor(failure.getStatus()).toResponse();
  }

  /** The problem for a gRPC status; public so that streaming routes can reuse it. */
  public static Problem problemFor(Status status) {
    String detail = status.getDescription() != null ? status.getDescription() : status.getCode().name();
    return Problem.of(httpStatus(status.getCode()), detail).withGrpcStatus(status.getCode().name());
  }

  static Response.StatusType httpStatus(Status.Code code) {
    return switch (code) {
      case NOT_FOUND -> Response.Status.NOT_FOUND;
      case INVALID_ARGUMENT, OUT_OF_RANGE, FAILED_PRECONDITION -> Response.Status.BAD_REQUEST;
      case ALREADY_EXISTS, ABORTED -> Response.Status.CONFLICT;
      case UNAUTHENTICATED -> Response.Status.UNAUTHORIZED;
      case PERMISSION_DENIED -> Response.Status.FORBIDDEN;
      case RESOURCE_EXHAUSTED -> Response.Status.TOO_MANY_REQUESTS;
      case UNIMPLEMENTED -> Response.Status.NOT_IMPLEMENTED;
      case UNAVAILABLE -> Response.Status.SERVICE_UNAVAILABLE;
      case DEADLINE_EXCEEDED -> Response.Status.GATEWAY_TIMEOUT;
      default -> Response.Status.BAD_GATEWAY;
    };
  }
}
