package org.acme.transport.handler;

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
 */
@FunctionalInterface
public interface Interceptor {

  Multi<?> intercept(MessageContext context, CallHandler next);
}
