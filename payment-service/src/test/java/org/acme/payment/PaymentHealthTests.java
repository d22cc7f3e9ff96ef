package org.acme.payment;

import io.quarkus.test.junit.QuarkusTest;
import org.acme.transport.testing.ServiceProbes;
import org.junit.jupiter.api.Test;

/** payment-service starts, is live, is ready with a check per broker it uses, and exports Prometheus metrics. */
@QuarkusTest
class PaymentHealthTests {

  @Test
  void readyWithItsBrokers() {
    ServiceProbes.assertReady("redis", "rabbitmq", "kafka");
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
