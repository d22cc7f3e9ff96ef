package org.acme.transport.handler;

import org.acme.transport.codec.NestCodec;

/**
 * How a handled message ended, as a log or a metric names it: answered, refused as the caller's mistake (an RpcException
 * with a 4xx {@code statusCode}, a "no"), failed (anything else: a 5xx, a timeout, a bug, a "not now"), or given up by
 * its caller.
 */
public enum Outcome {
  OK, REFUSED, FAILED, CANCELLED;

  public static Outcome of(Throwable failure, boolean cancelled) {
    if (cancelled) {
      return CANCELLED;
    }
    if (failure == null) {
      return OK;
    }
    return callersMistake(failure) ? REFUSED : FAILED;
  }

  /** An RpcException with a 4xx statusCode: what a request is answered "no" to (invalid, forbidden). */
  static boolean callersMistake(Throwable failure) {
    if (!(failure instanceof RpcException rpc)) {
      return false;
    }
    Object error = rpc.getError();
    // a map, a record or a POJO: its statusCode as the caller reads it in the JSON
    int status = error == null || error instanceof String ? 0 : NestCodec.json().valueToTree(error).path("statusCode").asInt(0);
    return status >= 400 && status < 500;
  }
}
