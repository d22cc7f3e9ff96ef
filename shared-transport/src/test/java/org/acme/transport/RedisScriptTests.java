package org.acme.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.util.Map;
import org.acme.transport.testing.BrokerProcess;
import org.junit.jupiter.api.AfterAll;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.acme.transport.redis.RedisLink;
import org.acme.transport.redis.RedisScript;
import org.junit.jupiter.api.Test;

/**
 * A script Redis has never seen (new, restarted or flushed Redis) still runs: NOSCRIPT falls back to EVAL once, and
 * later calls go by the hash. A Redis of the test's own, so its command counts are this test's alone.
 */
@QuarkusTest
@TestProfile(RedisScriptTests.OwnRedis.class)
class RedisScriptTests {

  static final BrokerProcess REDIS = BrokerProcess.redis().start();

  public static class OwnRedis implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of("nest.redis.enabled", "true", "quarkus.redis.hosts", "redis://127.0.0.1:" + REDIS.port());
    }
  }

  @AfterAll
  static void stopRedis() {
    REDIS.kill();
  }

  /** How often Redis ran a command (EVAL, EVALSHA) so far, from INFO commandstats. */
  private long calls(String command) {
    String stats = link.dataSource().execute("INFO", "commandstats").await().atMost(WITHIN).toString();
    return stats.lines().filter(line -> line.startsWith("cmdstat_" + command + ":")).findFirst()
        .map(line -> Long.parseLong(line.replaceAll(".*[:,]calls=(\\d+).*", "$1"))).orElse(0L);
  }

  private static final Duration WITHIN = Duration.ofSeconds(5);

  private final RedisLink link;

  RedisScriptTests(RedisLink link) {
    this.link = link;
  }

  @Test
  void aScriptRedisDoesNotHoldYetIsSentOnceThenCalledByItsHash() {
    ReactiveRedisDataSource redis = link.dataSource();
    // a source no Redis has cached: the comment makes its SHA-1 new
    RedisScript script = RedisScript.of("probe", "-- " + UUID.randomUUID() + "\nreturn ARGV[1] .. KEYS[1]");
    assertThat(redis.execute("SCRIPT", "EXISTS", script.sha()).await().atMost(WITHIN).get(0).toInteger()).isZero();

    long evalsBefore = calls("eval");
    assertThat(script.run(redis, List.of("k"), List.of("v")).await().atMost(WITHIN).toString()).isEqualTo("vk");
    assertThat(calls("eval")).as("the source sent once").isEqualTo(evalsBefore + 1);
    assertThat(redis.execute("SCRIPT", "EXISTS", script.sha()).await().atMost(WITHIN).get(0).toInteger()).isEqualTo(1);

    long byHashBefore = calls("evalsha");
    assertThat(script.run(redis, List.of("k"), List.of("w")).await().atMost(WITHIN).toString()).isEqualTo("wk");
    assertThat(script.run(redis, List.of("k"), List.of("x")).await().atMost(WITHIN).toString()).isEqualTo("xk");
    assertThat(calls("evalsha")).as("then called by its hash").isEqualTo(byHashBefore + 2);
    assertThat(calls("eval")).as("and its source never again").isEqualTo(evalsBefore + 1);
  }

  @Test
  void aScriptThatIsNotThereIsNamedAtStartUp() {
    assertThatThrownBy(() -> RedisScript.load(RedisScriptTests.class, "no-such-script"))
        .hasMessageContaining("/redis/no-such-script.lua");
  }
}
