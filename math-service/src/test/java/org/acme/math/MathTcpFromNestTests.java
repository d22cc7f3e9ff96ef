package org.acme.math;

import io.quarkus.test.junit.QuarkusTest;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** A real Nest TCP client calls math-service. */
@QuarkusTest
class MathTcpFromNestTests extends NestClientContract {

  @ConfigProperty(name = "nest.server.tcp.port")
  int port;

  @Override
  protected String nestTransport() {
    return "TCP";
  }

  @Override
  protected Map<String, Object> nestOptions() {
    return Map.of("host", "127.0.0.1", "port", port);
  }
}
