package org.acme.transport.handler;

import com.fasterxml.jackson.databind.JsonNode;
import io.smallrye.mutiny.Multi;

/**
 * Nest's {@code NestInterceptor} for RPC: code around a handler, named by {@link UseInterceptors} on a controller or a
 * handler method, or made global with {@link GlobalInterceptor}. It runs after the guards let the message through,
 * and can run code before and after the handler ({@code next.handle().onTermination()...}), change the answer
 * ({@code next.handle().onItem().transform(...)}), or answer without calling the handler at all (return a stream of
 * its own and never subscribe to {@code next.handle()}). An exception it throws, or a failure it returns, is answered
 * as a handler's would be: through the handler's exception filters, as a Nest {@code err}.
 * <p>
 * It speaks {@link Multi} rather than {@code Uni} because Nest's Observable does: one interface for a plain answer (one
 * value), a streamed one (each value passes) and an event (the values are dropped). An interceptor that must wait for
 * something first returns {@code uni.onItem().transformToMulti(x -> next.handle())}.
 * <p>
 * {@code data} is the payload as it came (Nest's {@code context.switchToRpc().getData()}), before it is converted to the
 * handler's parameter and validated: the same node the guards read. Read it to decide; a change made to it before
 * {@code next.handle()} is what the handler gets, as in Nest, where the same object goes on.
 */
@FunctionalInterface
public interface Interceptor {

  Multi<?> intercept(JsonNode data, MessageContext context, CallHandler next);
}
