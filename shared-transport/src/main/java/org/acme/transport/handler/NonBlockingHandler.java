package org.acme.transport.handler;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The handler returns a plain value without blocking, so it runs on the transport's own thread (a Vert.x event
 * loop for TCP) instead of hopping to a worker. Quarkus's {@code @NonBlocking} is reserved for its own entry
 * points, hence this one.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface NonBlockingHandler {
}
