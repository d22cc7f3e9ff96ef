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

  /** Whether something accepts connections on the loopback port. */
  public static boolean listening(int port) {
    try (java.net.Socket socket = new java.net.Socket()) {
      socket.connect(new java.net.InetSocketAddress("127.0.0.1", port), 200);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  public static int free() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
