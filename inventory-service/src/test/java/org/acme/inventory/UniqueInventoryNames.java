package org.acme.inventory;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;
import org.acme.transport.testing.SharedBrokers;

/**
 * A NATS queue group and a Redis key prefix for this test run alone ({@code test.nats.queue},
 * {@code test.inventory.key-prefix}): another build's inventory-service on the same brokers neither joins our queue
 * group nor sees our stock, and each run starts from the configured catalogue. The keys are deleted afterwards.
 */
public class UniqueInventoryNames implements QuarkusTestResourceLifecycleManager {

  private final String suffix = SharedBrokers.runSuffix();

  @Override
  public Map<String, String> start() {
    return Map.of("test.nats.queue", "inventory-service.test-" + suffix, "test.inventory.key-prefix", keyPrefix());
  }

  String keyPrefix() {
    return "inventory-test-" + suffix + ":";
  }

  @Override
  public void stop() {
    SharedBrokers.deleteKeys(keyPrefix());
  }
}
