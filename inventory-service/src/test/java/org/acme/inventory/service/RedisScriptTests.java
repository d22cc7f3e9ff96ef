package org.acme.inventory.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.acme.inventory.UniqueInventoryNames;
import org.junit.jupiter.api.Test;

/** A script Redis has never seen (new, restarted or flushed Redis) still runs: NOSCRIPT falls back to EVAL once. */
@QuarkusTest
@QuarkusTestResource(UniqueInventoryNames.class)
class RedisScriptTests {

  private final ReactiveRedisDataSource redis;

  RedisScriptTests(ReactiveRedisDataSource redis) {
    this.redis = redis;
  }

  @Test
  void aScriptRedisDoesNotHoldYetIsSentOnceThenCalledByItsHash() {
    // a source no Redis has cached: the comment makes its SHA-1 new
    RedisScript script = RedisScript.of("probe", "-- " + UUID.randomUUID() + "\nreturn ARGV[1] .. KEYS[1]");
    assertThat(redis.execute("SCRIPT", "EXISTS", script.sha()).await().atMost(Duration.ofSeconds(5)).get(0).toInteger()).isZero();

    assertThat(script.run(redis, List.of("k"), List.of("v")).await().atMost(Duration.ofSeconds(5)).toString()).isEqualTo("vk");
    assertThat(redis.execute("SCRIPT", "EXISTS", script.sha()).await().atMost(Duration.ofSeconds(5)).get(0).toInteger()).isEqualTo(1);
    assertThat(script.run(redis, List.of("k"), List.of("w")).await().atMost(Duration.ofSeconds(5)).toString()).isEqualTo("wk");
  }
}
