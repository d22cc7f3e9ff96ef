package org.acme.transport.client;

import com.fasterxml.jackson.databind.JsonNode;

/** The server answered with an error: {@link #err()} is its {@code err} value, exactly as it came. */
public class RemoteException extends RuntimeException {

  private final transient JsonNode err;

  public RemoteException(JsonNode err) {
    super(describe(err));
    this.err = err;
  }

  public JsonNode err() {
    return err;
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
