package org.acme.__PACKAGE__;

import io.quarkus.test.junit.QuarkusTest;
import org.acme.transport.testing.ServiceProbes;
import org.junit.jupiter.api.Test;

/** __SERVICE__ starts, is live and ready, and exports Prometheus metrics, on its management port only. */
@QuarkusTest
class __CLASS__HealthTests {

  /** No broker yet, so no broker check: add its name here when the service links to one. */
  @Test
  void ready() {
    ServiceProbes.assertReady();
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
