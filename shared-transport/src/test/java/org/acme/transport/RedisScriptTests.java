package org.acme.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.acme.transport.broker.RedisLink;
import org.acme.transport.broker.RedisScript;
import org.junit.jupiter.api.Test;

/** A script Redis has never seen (new, restarted or flushed Redis) still runs: NOSCRIPT falls back to EVAL once. */
@QuarkusTest
class RedisScriptTests {

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

    assertThat(script.run(redis, List.of("k"), List.of("v")).await().atMost(WITHIN).toString()).isEqualTo("vk");
    assertThat(redis.execute("SCRIPT", "EXISTS", script.sha()).await().atMost(WITHIN).get(0).toInteger()).isEqualTo(1);
    assertThat(script.run(redis, List.of("k"), List.of("w")).await().atMost(WITHIN).toString()).isEqualTo("wk");
  }

  @Test
  void aScriptThatIsNotThereIsNamedAtStartUp() {
    assertThatThrownBy(() -> RedisScript.load(RedisScriptTests.class, "no-such-script"))
        .hasMessageContaining("/redis/no-such-script.lua");
  }
}
