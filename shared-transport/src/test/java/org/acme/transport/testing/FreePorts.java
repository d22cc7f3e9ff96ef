package org.acme.transport.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.net.ServerSocket;
import java.util.Map;

/**
 * Free ports for a test's servers, as {@code test.port.tcp} and {@code test.port.grpc}, so tests never collide
 * with a running service or another build.
 */
public class FreePorts implements QuarkusTestResourceLifecycleManager {

  @Override
  public Map<String, String> start() {
    return Map.of("test.port.tcp", String.valueOf(free()), "test.port.grpc", String.valueOf(free()));
  }

  @Override
  public void stop() {
    // nothing held
  }

  public static int free() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
