package org.acme.gateway;

import io.quarkus.test.junit.QuarkusTest;
import org.acme.transport.testing.ServiceProbes;
import org.junit.jupiter.api.Test;

/** api-gateway starts, is live, is ready with a check per broker it uses, and exports Prometheus metrics. */
@QuarkusTest
class GatewayHealthTests {

  @Test
  void readyWithItsBrokers() {
    ServiceProbes.assertReady("redis", "nats", "mqtt", "rabbitmq", "kafka");
  }

  @Test
  void liveAndMetered() {
    ServiceProbes.assertLiveAndMetered();
  }

  /** The public port serves the application only: health, metrics, OpenAPI and Swagger UI are on the management port, which is not published. */
  @Test
  void managementEndpointsOnlyOnTheManagementPort() {
    ServiceProbes.assertOnlyOnManagementPort("/q/health", "/q/metrics", "/q/openapi", "/q/swagger-ui");
  }
}
