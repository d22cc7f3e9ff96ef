package org.acme.math;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.acme.contracts.math.MathPatterns;
import org.acme.transport.rmq.RmqLink;
import org.acme.transport.client.NestClient;
import org.acme.transport.client.NestClients;
import org.acme.transport.testing.FreePorts;
import org.acme.transport.testing.TcpProxy;
import org.acme.transport.testing.ClientFailures;
import org.junit.jupiter.api.Test;

/**
 * The RabbitMQ connection breaks under a running service (a proxy in front of the machine's broker drops it, the
 * way a network failure would): while it is away a request fails within its deadline and the link says so; once it
 * is back the server consumes its queue again and the client's direct reply-to works again, with nothing restarted
 * on the Java side. Twice, so a second reconnection does not stack consumers or ack on a dead channel.
 */
@QuarkusTest
@QuarkusTestResource(FreePorts.class)
@QuarkusTestResource(value = MathRmqReconnectTests.CutRabbit.class, restrictToAnnotatedClass = true)
class MathRmqReconnectTests {

  private static final Duration RECOVERY = Duration.ofSeconds(20);
  private final NestClients clients;
  private final RmqLink link;

  MathRmqReconnectTests(NestClients clients, RmqLink link) {
    this.clients = clients;
    this.link = link;
  }

  private int sum(int a, int b) {
    return client().send(MathPatterns.SUM, List.of(a, b), Integer.class).await().atMost(Duration.ofSeconds(5));
  }

  private NestClient client() {
    return clients.get("math-rmq");
  }

  @Test
  void serverAndClientRecoverAfterTheConnectionDrops() {
    await().atMost(RECOVERY).ignoreExceptions().untilAsserted(() -> assertThat(sum(1, 1)).isEqualTo(2));
    long before = link.connections();
    dropTwiceAndRecover();
    // a request published before reply-to is consumed again closes the channel (PRECONDITION_FAILED), which
    // shows as an extra reconnection
    assertThat(link.connections() - before).as("one reconnection per drop, no channel error after it").isEqualTo(2);
    assertThat(client().emit(MathPatterns.USER_CREATED, Map.of("userId", "after-cut", "email", "a@example.com"))
        .await().atMost(Duration.ofSeconds(5))).as("a confirmed event after two reconnections").isNull();
  }

  private void dropTwiceAndRecover() {
    for (int round = 1; round <= 2; round++) {
      CutRabbit.proxy.down();
      await().atMost(RECOVERY).until(() -> !link.connected());
      // fails within its deadline (math-rmq: 2 s) while the link is down, or at once: it does not hang
      ClientFailures.failsWithin(Duration.ofSeconds(3), client().send(MathPatterns.SUM, List.of(2, 2), Integer.class));
      CutRabbit.proxy.up();
      int expected = 10 * round;
      // ask often: a request sent in the moment between reconnection and reply-to being consumed again is the risk
      await().atMost(RECOVERY).pollInterval(Duration.ofMillis(10)).ignoreExceptions()
          .untilAsserted(() -> assertThat(sum(expected, 1)).isEqualTo(expected + 1));
    }
  }

  /** A proxy to the machine's RabbitMQ and a queue of this test's own. */
  public static class CutRabbit implements QuarkusTestResourceLifecycleManager {
    static TcpProxy proxy;
    private final UniqueBrokerNames names = new UniqueBrokerNames();

    @Override
    public Map<String, String> start() {
      proxy = new TcpProxy(5672);
      Map<String, String> config = new HashMap<>(names.start());
      config.put("nest.rabbitmq.port", String.valueOf(proxy.port()));
      config.put("nest.reconnect-delay", "200ms");
      return config;
    }

    @Override
    public void stop() {
      proxy.close();
      names.stop();
    }
  }
}
