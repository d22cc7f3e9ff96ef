package org.acme.transport.client;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.acme.transport.codec.NestError;

/**
 * The server answered with an error: {@link #err()} is its {@code err} value, exactly as it came; the typed accessors
 * read Nest's error shape ({@link NestError}) from it, and are empty when the server sent a string or another shape.
 */
public class RemoteException extends RuntimeException {

  private final transient JsonNode err;
  private final transient Optional<NestError> error;

  public RemoteException(JsonNode err) {
    super(describe(err));
    this.err = err;
    this.error = NestError.read(err);
  }

  public JsonNode err() {
    return err;
  }

  /** The HTTP-like statusCode: 4xx the service's "no", 5xx its "not now"; empty when the error has none. */
  public OptionalInt statusCode() {
    return error.map(NestError::statusCodeIfAny).orElse(OptionalInt.empty());
  }

  /** The service's code for programs (INSUFFICIENT_STOCK...), if it gave one. */
  public Optional<String> code() {
    return error.map(NestError::code);
  }

  /** The error's own message field, if it has one (see {@link #getMessage()} for a description of any error). */
  public Optional<String> message() {
    return error.map(NestError::message);
  }

  /** The invalid fields of a validation error; empty for any other. */
  public List<NestError.FieldError> errors() {
    return error.map(NestError::errors).orElse(List.of());
  }

  private static String describe(JsonNode err) {
    if (err.isTextual()) {
      return err.textValue();
    }
    for (String field : new String[] {"message", "error"}) {
      if (err.path(field).isTextual()) {
        return err.path(field).textValue();
      }
    }
    return err.toString();
  }
}
