package org.acme.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.acme.transport.testing.HealthContract;
import org.junit.jupiter.api.Test;

/** inventory-service starts, is live, is ready with a check per broker it uses, and exports Prometheus metrics. */
@QuarkusTest
class InventoryHealthTests implements HealthContract {

  @Override
  public String[] readinessChecks() {
    return new String[] {"redis", "nats"};
  }

  @Test
  void redisPoolTakesTheTransportLayersDefaults() {
    // shipped by shared-transport's META-INF/microprofile-config.properties, not set by this service
    Config config = ConfigProvider.getConfig();
    assertThat(config.getValue("quarkus.redis.max-pool-size", Integer.class)).isEqualTo(16);
    assertThat(config.getValue("quarkus.redis.max-pool-waiting", Integer.class)).isEqualTo(1024);
  }
}
