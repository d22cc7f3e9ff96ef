package org.acme.__PACKAGE__;

import io.quarkus.test.junit.QuarkusTest;
import org.acme.transport.testing.ServiceProbes;
import org.junit.jupiter.api.Test;

/** __SERVICE__ starts, is live and ready, and exports Prometheus metrics, on its management port only. */
@QuarkusTest
class __CLASS__HealthTests {

  /** Ready, with a check for each broker it links to (none for TCP): add a broker's name when it links to one. */
  @Test
  void ready() {
    //@if tcp
    ServiceProbes.assertReady();
    //@end
    //@if nats
    ServiceProbes.assertReady("nats");
    //@end
    //@if rmq
    ServiceProbes.assertReady("rabbitmq");
    //@end
    //@if kafka
    ServiceProbes.assertReady("kafka", "kafka-server");
    //@end
    //@if redis
    ServiceProbes.assertReady("redis");
    //@end
    //@if mqtt
    ServiceProbes.assertReady("mqtt");
    //@end
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
