package org.acme.math;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.List;
import org.acme.contracts.math.MathPatterns;
import org.acme.transport.client.NestClient;
import org.acme.transport.client.NestClients;
import org.acme.transport.testing.FreePorts;
import org.acme.transport.testing.ClientFailures;
import org.junit.jupiter.api.Test;

/**
 * The broker restarts under a running service: while it is away a request fails within its deadline, and once it
 * is back the server has subscribed again and the client (whose reply subscription was made before the restart)
 * gets answers again, with nothing restarted on the Java side. Private brokers, so no one else is disturbed.
 */
@QuarkusTest
@QuarkusTestResource(FreePorts.class)
@QuarkusTestResource(value = PrivateRedisAndMosquitto.class, restrictToAnnotatedClass = true)
class MathRedisMqttRestartTests {

  private static final Duration RECOVERY = Duration.ofSeconds(20);
  private final NestClients clients;

  MathRedisMqttRestartTests(NestClients clients) {
    this.clients = clients;
  }

  private static int sum(NestClient client) {
    return client.send(MathPatterns.SUM, List.of(1, 2, 3), Integer.class).await().atMost(Duration.ofSeconds(10));
  }

  @Test
  void redisRestart() {
    NestClient client = clients.get("math-redis");
    assertThat(sum(client)).isEqualTo(6);
    PrivateRedisAndMosquitto.stopRedis();
    // fails within its deadline (math-redis: 2 s) while Redis is away, or at once: it does not hang
    ClientFailures.failsWithin(Duration.ofSeconds(3), client.send(MathPatterns.SUM, List.of(1, 2, 3), Integer.class));
    PrivateRedisAndMosquitto.startRedis();
    await().atMost(RECOVERY).pollInterval(Duration.ofMillis(300)).ignoreExceptions().until(() -> sum(client) == 6);
  }

  @Test
  void mosquittoRestart() {
    NestClient client = clients.get("math-mqtt");
    assertThat(sum(client)).isEqualTo(6);
    PrivateRedisAndMosquitto.stopMosquitto();
    // fails within its deadline (math-mqtt: 3 s) while the broker is away, or at once: it does not hang
    ClientFailures.failsWithin(Duration.ofSeconds(4), client.send(MathPatterns.SUM, List.of(1, 2, 3), Integer.class));
    PrivateRedisAndMosquitto.startMosquitto();
    await().atMost(RECOVERY).pollInterval(Duration.ofMillis(300)).ignoreExceptions().until(() -> sum(client) == 6);
  }
}
