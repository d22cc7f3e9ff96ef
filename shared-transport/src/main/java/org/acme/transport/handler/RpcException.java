package org.acme.transport.handler;

/**
 * Nest's {@code RpcException}: its error travels back as the reply's {@code err}. A string becomes
 * {@code {"status":"error","message":…}}; any other value (a map, a record) is sent as it is.
 */
public class RpcException extends RuntimeException {

  private final transient Object error;

  public RpcException(Object error) {
    super(error instanceof String s ? s : String.valueOf(error));
    this.error = error;
  }

  /** The error as given: a string or an object. */
  public Object getError() {
    return error;
  }
}
