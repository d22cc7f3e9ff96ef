package org.acme.gateway.rest;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Errors the HTTP layer raises itself (no such route, a path parameter that is not a number, a wrong method) get
 * the same problem-details body as upstream failures, so clients parse one error shape.
 */
public class HttpProblemMapper {

  @ServerExceptionMapper
  public Response toProblem(WebApplicationException failure) {
    Response.StatusType status = failure.getResponse().getStatusInfo();
    String detail = failure.getMessage() != null ? failure.getMessage() : status.getReasonPhrase();
    return Problem.of(status, detail).toResponse();
  }
}
