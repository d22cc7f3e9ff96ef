package org.acme.math.handler;

import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.Map;
import org.acme.transport.handler.MessageContext;
import org.acme.transport.handler.RpcException;
import org.acme.transport.handler.RpcExceptionFilter;

/** The seed's ExceptionFilter: the error goes back as {@code {error, timestamp}} (ISO-8601). */
@Singleton
public class DataRequiredFilter implements RpcExceptionFilter {

  @Override
  public Object catchError(RpcException exception, MessageContext context) {
    return Map.of("error", exception.getError(), "timestamp", Instant.now().toString());
  }
}
