package org.acme.heroes.grpc;

import io.grpc.ForwardingServerCallListener;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.quarkus.grpc.GlobalInterceptor;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.spi.Prioritized;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.acme.transport.grpc.GrpcMetadata;

/**
 * Test-only: records, per RPC, what {@link GrpcMetadata#current()} gives a service method of this application, read
 * the moment the method runs (half-close), inside the transport layer's interceptor.
 */
@ApplicationScoped
@GlobalInterceptor
public class MetadataSeen implements ServerInterceptor, Prioritized {

  static final Map<String, Map<String, String>> BY_METHOD = new ConcurrentHashMap<>();

  @Override
  public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
    String method = call.getMethodDescriptor().getBareMethodName();
    return new ForwardingServerCallListener.SimpleForwardingServerCallListener<>(next.startCall(call, headers)) {
      @Override
      public void onHalfClose() {
        BY_METHOD.put(method, GrpcMetadata.current());
        super.onHalfClose();
      }
    };
  }

  @Override
  public int getPriority() {
    return 0;
  }
}
