package org.acme.transport.grpc;

import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import io.quarkus.grpc.GlobalInterceptor;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.spi.Prioritized;
import java.util.Map;
import org.acme.transport.codec.InvalidMetadataException;
import org.acme.transport.config.ServerConfig;

/**
 * Reads every gRPC call's metadata, as the other servers read theirs, and hands it to the service method through
 * {@link GrpcMetadata#current()}. Metadata that breaks the rules (too many entries, a key or value outside the
 * grammar) ends the call with INVALID_ARGUMENT and says why, before the service runs. Registered for every gRPC
 * service of the application, ahead of the others (highest priority), so that they see the metadata too.
 */
@ApplicationScoped
@GlobalInterceptor
public class GrpcMetadataInterceptor implements ServerInterceptor, Prioritized {

  private final ServerConfig config;

  GrpcMetadataInterceptor(ServerConfig config) {
    this.config = config;
  }

  @Override
  public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
    Map<String, String> metadata;
    try {
      metadata = GrpcMetadata.fromGrpc(headers, config.metadata().limits());
    } catch (InvalidMetadataException e) {
      Log.warnf("gRPC %s: refusing the call: %s", call.getMethodDescriptor().getFullMethodName(), e.getMessage());
      call.close(Status.INVALID_ARGUMENT.withDescription(e.getMessage()), new Metadata());
      return new ServerCall.Listener<>() {
      };
    }
    return Contexts.interceptCall(Context.current().withValue(GrpcMetadata.CURRENT, metadata), call, headers, next);
  }

  @Override
  public int getPriority() {
    return Integer.MAX_VALUE - 100;
  }
}
