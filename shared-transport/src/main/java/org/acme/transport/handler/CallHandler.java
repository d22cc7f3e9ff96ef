package org.acme.transport.handler;

import io.smallrye.mutiny.Multi;

/**
 * Nest's {@code CallHandler}: what an {@link Interceptor} or a {@link PreRequestHook} calls to go on with the message. The
 * stream is lazy, as Nest's Observable is: the rest of the chain (and at its end the handler) runs when it is subscribed,
 * so an interceptor that answers by itself and never subscribes skips the handler.
 */
@FunctionalInterface
public interface CallHandler {

  /** The values the rest of the chain answers: one for a plain answer, several for a stream, none for an empty one. */
  Multi<Object> handle();
}
