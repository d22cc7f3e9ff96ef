package org.acme.transport.handler;

import com.fasterxml.jackson.databind.JsonNode;

/** Nest's {@code CanActivate} for RPC: false denies the message with {@code RpcException('Forbidden resource')}. */
public interface Guard {

  boolean canActivate(JsonNode data, MessageContext context);
}
