package org.acme.gateway.math;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;
import org.acme.transport.testing.FreePorts;
import org.acme.transport.testing.ServiceProcess;

/** The real math-service, from its build output, on free ports; the gateway's TCP client points at it. */
public class MathServiceResource implements QuarkusTestResourceLifecycleManager {

  static ServiceProcess math;
  private final int tcpPort = FreePorts.free();

  @Override
  public Map<String, String> start() {
    math = new ServiceProcess("math-service", Map.of("nest.server.tcp.port", String.valueOf(tcpPort))).start();
    return Map.of("nest.client.math-tcp.port", String.valueOf(tcpPort));
  }

  @Override
  public void stop() {
    if (math != null) {
      math.close();
    }
  }
}
