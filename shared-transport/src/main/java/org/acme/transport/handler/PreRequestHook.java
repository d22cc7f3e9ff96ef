package org.acme.transport.handler;

import com.fasterxml.jackson.databind.JsonNode;
import io.smallrye.mutiny.Multi;

/**
 * Nest 12's {@code PreRequestHook} ({@code app.registerPreRequestHook}): code that runs around every handler of the
 * service, before its guards, interceptors and payload validation. Every CDI bean that implements this is one: Nest has
 * no per-handler hooks. They run in the order of their {@code @Priority}, highest first (as {@code @All} lists them and
 * quarkus-grpc orders its global interceptors), each wrapping the next; the last one's {@code next} runs the guards.
 * Typical uses: put a correlation id in the MDC, count or refuse messages before any guard reads them. {@code data} is the
 * payload as it came (Nest's {@code getData()}), as an {@link Interceptor} gets it.
 */
@FunctionalInterface
public interface PreRequestHook {

  Multi<?> beforeRequest(JsonNode data, MessageContext context, CallHandler next);
}
