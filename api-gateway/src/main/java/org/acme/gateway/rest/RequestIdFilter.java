package org.acme.gateway.rest;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/** Gives every HTTP request its id ({@link CallerMetadata}) before anything runs, and answers with it. */
public class RequestIdFilter {

  private final CallerMetadata caller;

  RequestIdFilter(CallerMetadata caller) {
    this.caller = caller;
  }

  @ServerRequestFilter(preMatching = true)
  void assign(ContainerRequestContext request) {
    caller.assign(request.getHeaderString(CallerMetadata.REQUEST_ID));
  }

  @ServerResponseFilter
  void answer(ContainerResponseContext response) {
    if (caller.requestId() != null) {
      response.getHeaders().putSingle(CallerMetadata.REQUEST_ID, caller.requestId());
    }
  }
}
