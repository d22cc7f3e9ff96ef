package org.acme.transport.codec;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Nest's {@code err} shape as our services send and read it: {@code status:'error'}, a {@code code} for programs, an
 * HTTP-like {@code statusCode} (4xx the caller's "no", 5xx "not now"), a {@code message} for people, the invalid
 * fields, and any ids a service adds ({@code details}, written beside the others). Absent parts are left out of the
 * JSON, so each error keeps the fields it had when it was a map; the order is fixed, which a map of Map.of was not.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"status", "code", "statusCode", "message", "errors"})
@Schema(description = "The err of a failed request: an RpcException's object as thrown, or {status:'error', message} for a string; "
    + "the transport's own errors add an HTTP-like statusCode (4xx: the caller's mistake, 5xx: not now). A service may add ids "
    + "beside these fields.", additionalProperties = Object.class)
public record NestError(
    @Schema(description = "'error'", required = true) String status,
    @Schema(description = "What a program tests: a code of the service's contract (INSUFFICIENT_FUNDS, ...)") String code,
    @Schema(description = "HTTP-like: 4xx the caller's \"no\", 5xx \"not now\"") Integer statusCode,
    @Schema(description = "For people") String message,
    @Schema(description = "The invalid fields of a payload that failed validation") List<FieldError> errors,
    @JsonIgnore Map<String, Object> details) {

  /** Nest's {@code status} of every error object. */
  public static final String ERROR = "error";

  /** One invalid field of a payload, as the validation error lists it. */
  @Schema(description = "One invalid field: its path in the payload and what is wrong with it")
  public record FieldError(String field, String message) {
  }

  public NestError {
    details = details == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(details)); // keeps the order given
  }

  /** Nest's shape of a string error: {@code {status:'error', message}}. */
  public static NestError of(String message) {
    return new NestError(ERROR, null, null, message, null, Map.of());
  }

  /** An error with a statusCode and no code: the transport layer's own (400 bad message, 500 unexpected). */
  public static NestError of(int statusCode, String message) {
    return new NestError(ERROR, null, statusCode, message, null, Map.of());
  }

  /** A service's refusal: a {@code code} from its contract beside the statusCode and message. */
  public static NestError rejection(String code, int statusCode, String message) {
    return new NestError(ERROR, code, statusCode, message, null, Map.of());
  }

  /** A caller's invalid payload: 400 with the fields that are wrong (an empty list when the payload is missing). */
  public static NestError invalid(String message, List<FieldError> errors) {
    return new NestError(ERROR, null, 400, message, List.copyOf(errors), Map.of());
  }

  /** The same error with one more detail (an id involved, a quantity), written after the standard fields. */
  public NestError with(String key, Object value) {
    Map<String, Object> more = new LinkedHashMap<>(details);
    more.put(key, value);
    return new NestError(status, code, statusCode, message, errors, more);
  }

  @JsonAnyGetter
  public Map<String, Object> detailsForJson() {
    return details;
  }

  /** Whether the statusCode says the caller was refused (4xx) rather than the service failed or was away. */
  public boolean callersMistake() {
    return statusCode != null && statusCode >= 400 && statusCode < 500;
  }

  /** The standard fields of an {@code err} a server sent; empty for a string or any other non-object. */
  public static Optional<NestError> read(JsonNode err) {
    if (err == null || !err.isObject()) {
      return Optional.empty();
    }
    List<FieldError> errors = null;
    if (err.path("errors").isArray()) {
      errors = new ArrayList<>();
      for (JsonNode e : err.path("errors")) {
        errors.add(new FieldError(e.path("field").asText(), e.path("message").asText()));
      }
    }
    JsonNode statusCode = err.path("statusCode");
    return Optional.of(new NestError(text(err, "status"), text(err, "code"), statusCode.isInt() ? statusCode.intValue() : null,
        text(err, "message"), errors, Map.of()));
  }

  /** The statusCode, if the error has an integer one. */
  public OptionalInt statusCodeIfAny() {
    return statusCode == null ? OptionalInt.empty() : OptionalInt.of(statusCode);
  }

  private static String text(JsonNode err, String field) {
    return err.path(field).isTextual() ? err.path(field).textValue() : null;
  }
}
