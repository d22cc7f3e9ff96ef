package org.acme.transport.handler;

import java.util.Optional;
import org.acme.transport.codec.NestError;

/**
 * Nest's {@code RpcException}: its error travels back as the reply's {@code err}. A string becomes
 * {@code {"status":"error","message":…}}; any other value (a {@link NestError}, a map, a record) is sent as it is.
 */
public class RpcException extends RuntimeException {

  private final transient Object error;

  public RpcException(Object error) {
    super(error instanceof String s ? s : String.valueOf(error));
    this.error = error;
  }

  /**
   * An error with an HTTP-like {@code statusCode} beside Nest's {@code status} and {@code message}: a 4xx is the
   * caller's "no", a 5xx "not now" (retry later).
   */
  public static RpcException withStatus(int statusCode, String message) {
    return new RpcException(NestError.of(statusCode, message));
  }

  /** The error in Nest's typed shape, when it was given as one. */
  public Optional<NestError> nestError() {
    return error instanceof NestError nest ? Optional.of(nest) : Optional.empty();
  }

  /** The error as given: a string or an object. */
  public Object getError() {
    return error;
  }
}
