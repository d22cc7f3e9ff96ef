package org.acme.inventory;

import io.quarkus.test.junit.QuarkusTest;
import org.acme.transport.testing.ServiceProbes;
import org.junit.jupiter.api.Test;

/** inventory-service starts, is live, is ready with a check per broker it uses, and exports Prometheus metrics. */
@QuarkusTest
class InventoryHealthTests {

  @Test
  void readyWithItsBrokers() {
    ServiceProbes.assertReady("redis", "nats");
  }

  @Test
  void liveAndMetered() {
    ServiceProbes.assertLiveAndMetered();
  }
}
