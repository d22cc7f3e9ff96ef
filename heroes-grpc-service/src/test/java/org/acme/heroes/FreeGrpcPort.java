package org.acme.heroes;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;
import org.acme.transport.testing.FreePorts;

/**
 * Gives the separate gRPC server a free port for the tests, instead of Quarkus' fixed test port 9001, so that
 * parallel builds and running services never collide.
 */
public class FreeGrpcPort implements QuarkusTestResourceLifecycleManager {

  @Override
  public Map<String, String> start() {
    String port = String.valueOf(FreePorts.free());
    // and the tests' Quarkus gRPC client (traced, as the gateway's is) pointed at it
    return Map.of("quarkus.grpc.server.test-port", port, "quarkus.grpc.clients.heroes.host", "127.0.0.1", "quarkus.grpc.clients.heroes.port", port);
  }

  @Override
  public void stop() {
    // Nothing to release: the port was only reserved long enough to read its number.
  }
}
