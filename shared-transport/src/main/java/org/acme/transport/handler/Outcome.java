package org.acme.transport.handler;

import org.acme.transport.codec.NestCodec;
import org.acme.transport.codec.NestError;

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
    // a map, a record or a POJO: its statusCode as the caller reads it in the JSON
    return failure instanceof RpcException rpc
        && NestError.read(NestCodec.json().valueToTree(rpc.getError())).filter(NestError::callersMistake).isPresent();
  }

}
