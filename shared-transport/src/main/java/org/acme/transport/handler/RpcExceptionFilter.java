package org.acme.transport.handler;

/** Nest's {@code RpcExceptionFilter}: turns an {@link RpcException} into the {@code err} value sent back. */
public interface RpcExceptionFilter {

  Object catchError(RpcException exception, MessageContext context);
}
