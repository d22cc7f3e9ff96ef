package org.acme.order;

import io.quarkus.test.junit.QuarkusTest;
import org.acme.transport.testing.ServiceProbes;
import org.junit.jupiter.api.Test;

/** order-service starts, is live, is ready with a check per broker it uses, and exports Prometheus metrics. */
@QuarkusTest
class OrderHealthTests {

  @Test
  void readyWithItsBrokers() {
    ServiceProbes.assertReady("redis", "nats", "mqtt", "rabbitmq", "kafka", "kafka-server");
  }

  @Test
  void liveAndMetered() {
    ServiceProbes.assertLiveAndMetered();
  }

  /** The public port serves the application only: health and metrics are on the management port, which is not published. */
  @Test
  void managementEndpointsOnlyOnTheManagementPort() {
    ServiceProbes.assertOnlyOnManagementPort("/q/health", "/q/metrics");
  }
}
