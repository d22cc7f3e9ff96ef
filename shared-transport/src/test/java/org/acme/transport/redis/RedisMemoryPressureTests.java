package org.acme.transport.redis;

import static org.acme.transport.testing.ManagementPort.given;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;

import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import org.acme.transport.testing.BrokerProcess;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * A Redis that is nearly full (maxmemory, noeviction: it refuses writes rather than lose data) makes readiness DOWN
 * with the reason, and readiness comes back once there is room again. A Redis of the test's own, 4 MiB.
 */
@QuarkusTest
@TestProfile(RedisMemoryPressureTests.SmallRedis.class)
class RedisMemoryPressureTests {

  static final BrokerProcess REDIS = BrokerProcess.redis("--maxmemory", "4mb", "--maxmemory-policy", "noeviction").start();

  public static class SmallRedis implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of("nest.redis.enabled", "true", "quarkus.redis.hosts", "redis://127.0.0.1:" + REDIS.port(),
          "nest.redis.memory-pressure", "0.9");
    }
  }

  @Inject
  RedisDataSource redis;

  @Test
  void aNearlyFullRedisMakesReadinessDownAndRoomBringsItBack() {
    given().get("/q/health/ready").then().statusCode(200).body("checks.find { it.name == 'redis' }.status", is("UP"));

    String value = "x".repeat(16 * 1024);
    assertThatThrownBy(() -> {
      for (int i = 0; i < 1_000; i++) {
        redis.value(String.class).set("fill:" + i, value);
      }
    }).hasMessageContaining("OOM");

    given().get("/q/health/ready").then().statusCode(503)
        .body("checks.find { it.name == 'redis' }.status", is("DOWN"))
        .body("checks.find { it.name == 'redis' }.data.error", containsString("under memory pressure"));

    redis.flushall();
    await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> given().get("/q/health/ready").then().statusCode(200));
  }

  @AfterAll
  static void stopRedis() {
    REDIS.kill();
  }
}
