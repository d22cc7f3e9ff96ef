package org.acme.inventory;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisAPI;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * A NATS queue group and a Redis key prefix for this test run alone ({@code test.nats.queue},
 * {@code test.inventory.key-prefix}): another build's inventory-service on the same brokers neither joins our queue
 * group nor sees our stock, and each run starts from the configured catalogue. The keys are deleted afterwards.
 */
public class UniqueInventoryNames implements QuarkusTestResourceLifecycleManager {

  private static final String REDIS = "redis://127.0.0.1:6379";
  /** Deletes every key under a prefix, server side, in one call. */
  private static final String DELETE_PREFIX = """
      local cursor, deleted = '0', 0
      repeat
        local page = redis.call('SCAN', cursor, 'MATCH', ARGV[1] .. '*', 'COUNT', 1000)
        cursor = page[1]
        for _, key in ipairs(page[2]) do deleted = deleted + redis.call('DEL', key) end
      until cursor == '0'
      return deleted
      """;

  private final String suffix = UUID.randomUUID().toString().substring(0, 8);

  @Override
  public Map<String, String> start() {
    return Map.of("test.nats.queue", "inventory-service.test-" + suffix, "test.inventory.key-prefix", keyPrefix());
  }

  String keyPrefix() {
    return "inventory-test-" + suffix + ":";
  }

  @Override
  public void stop() {
    Vertx vertx = Vertx.vertx();
    try {
      RedisAPI.api(Redis.createClient(vertx, REDIS)).eval(List.of(DELETE_PREFIX, "0", keyPrefix()))
          .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      System.err.println("could not delete the test keys " + keyPrefix() + "*: " + e);
    } finally {
      vertx.close();
    }
  }
}
