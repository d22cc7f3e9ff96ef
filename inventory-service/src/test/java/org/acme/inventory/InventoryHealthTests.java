package org.acme.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
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

  /** The public port serves the application only: health and metrics are on the management port, which is not published. */
  @Test
  void managementEndpointsOnlyOnTheManagementPort() {
    ServiceProbes.assertOnlyOnManagementPort("/q/health", "/q/metrics");
  }

  @Test
  void redisPoolTakesTheTransportLayersDefaults() {
    // shipped by shared-transport's META-INF/microprofile-config.properties, not set by this service
    Config config = ConfigProvider.getConfig();
    assertThat(config.getValue("quarkus.redis.max-pool-size", Integer.class)).isEqualTo(16);
    assertThat(config.getValue("quarkus.redis.max-pool-waiting", Integer.class)).isEqualTo(1024);
  }
}
