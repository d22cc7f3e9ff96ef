package org.acme.gateway.rest;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.JsonNode;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.Response.Status;
import java.io.IOException;
import java.util.stream.Collectors;
import org.acme.gateway.math.UnknownTransportException;
import org.acme.transport.broker.BrokerUnavailableException;
import org.acme.transport.client.DeadlineExceededException;
import org.acme.transport.client.NoResponderException;
import org.acme.transport.client.RemoteException;
import org.acme.transport.handler.MessageRouter;
import org.eclipse.microprofile.faulttolerance.exceptions.BulkheadException;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Every failure of a call over a message transport as problem details: the caller's mistakes are 4xx (validation
 * 400, guard 403, no such pattern 404), a missed deadline 504, and a service that cannot be reached, has no
 * responder, or sits behind an open circuit 503. A service's own failure is 502: the gateway is fine, its
 * upstream is not.
 */
public class NestProblemMapper {

  @ServerExceptionMapper
  public Response remote(RemoteException failure) {
    JsonNode err = failure.err();
    int status = failure.statusCode().orElse(0);
    // the caller's mistake, or "not now" (503, 504) passed on; the service's own failure (500...) is a bad gateway
    if (status >= 400 && status < 500 || status == 503 || status == 504) {
      return Problem.of(status, detail(failure)).toResponse();
    }
    if (failure.message().filter("Forbidden resource"::equals).isPresent()) {
      return Problem.of(Status.FORBIDDEN, "Forbidden resource").toResponse();
    }
    if (MessageRouter.NO_HANDLER.equals(err.asText())) {
      return Problem.of(Status.NOT_FOUND, MessageRouter.NO_HANDLER).toResponse();
    }
    return Problem.of(Status.BAD_GATEWAY, "the service failed: " + failure.getMessage()).toResponse();
  }

  private static String detail(RemoteException failure) {
    if (failure.errors().isEmpty()) {
      return failure.getMessage();
    }
    StringBuilder detail = new StringBuilder(failure.getMessage()).append(":");
    failure.errors().forEach(e -> detail.append(' ').append(e.field()).append(' ').append(e.message()).append(';'));
    return detail.toString();
  }

  @ServerExceptionMapper
  public Response callerMistake(CallerMistakeException failure) {
    return Problem.of(Status.BAD_REQUEST, failure.getMessage()).toResponse();
  }

  @ServerExceptionMapper
  public Response unknownTransport(UnknownTransportException failure) {
    return Problem.of(Status.BAD_REQUEST, failure.getMessage()).toResponse();
  }

  @ServerExceptionMapper
  public Response invalid(ConstraintViolationException failure) {
    String detail = failure.getConstraintViolations().stream()
        .map(v -> v.getPropertyPath() + " " + v.getMessage()).sorted().collect(Collectors.joining("; "));
    return Problem.of(Status.BAD_REQUEST, detail).toResponse();
  }

  // Named one by one: Quarkus maps some of these itself, and the most specific mapper wins.
  @ServerExceptionMapper({JsonProcessingException.class, JsonParseException.class, MismatchedInputException.class, InvalidFormatException.class})
  public Response unreadable(JsonProcessingException failure) {
    return Problem.of(Status.BAD_REQUEST, "the body is not valid JSON for this route: " + failure.getOriginalMessage()).toResponse();
  }

  @ServerExceptionMapper({DeadlineExceededException.class, TimeoutException.class})
  public Response deadline(Exception failure) {
    return Problem.of(Status.GATEWAY_TIMEOUT, failure.getMessage()).toResponse();
  }

  @ServerExceptionMapper
  public Response circuitOpen(CircuitBreakerOpenException failure) {
    return Problem.of(Status.SERVICE_UNAVAILABLE, "the circuit to the service is open after repeated failures; retry later").toResponse();
  }

  @ServerExceptionMapper
  public Response busy(BulkheadException failure) {
    return Problem.of(Status.SERVICE_UNAVAILABLE, "too many calls in flight to the service; retry later").toResponse();
  }

  @ServerExceptionMapper({NoResponderException.class, BrokerUnavailableException.class, IOException.class})
  public Response unavailable(Exception failure) {
    return Problem.of(Status.SERVICE_UNAVAILABLE, failure.getMessage()).toResponse();
  }
}
