package org.acme.math;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.junit.QuarkusTest;
import java.io.File;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.acme.contracts.math.MathPatterns;
import org.acme.transport.client.NestClients;
import org.acme.transport.testing.FreePorts;
import org.junit.jupiter.api.Test;

/**
 * A NATS restart: math-service's server and client both run on a nats-server of this test's own (the shared one is
 * never touched); after the broker comes back, the server answers again and the client's requests succeed.
 */
@QuarkusTest
@QuarkusTestResource(value = MathNatsReconnectTests.OwnNats.class, restrictToAnnotatedClass = true)
class MathNatsReconnectTests {

  private final NestClients clients;

  MathNatsReconnectTests(NestClients clients) {
    this.clients = clients;
  }

  private int sum(int a, int b) {
    return clients.get("math-nats").send(MathPatterns.SUM, List.of(a, b), Integer.class).await().atMost(Duration.ofSeconds(3));
  }

  @Test
  void serverAndClientRecoverAfterABrokerRestart() throws IOException {
    await().atMost(Duration.ofSeconds(20)).ignoreExceptions().untilAsserted(() -> assertThat(sum(1, 1)).isEqualTo(2));
    OwnNats.kill();
    OwnNats.startServer();
    await().atMost(Duration.ofSeconds(20)).ignoreExceptions().untilAsserted(() -> assertThat(sum(2, 3)).isEqualTo(5));
  }

  public static class OwnNats implements QuarkusTestResourceLifecycleManager {
    static final int PORT = FreePorts.free();
    private static Process process;

    @Override
    public Map<String, String> start() {
      try {
        startServer();
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
      return Map.of("nest.nats.url", "nats://127.0.0.1:" + PORT, "nest.reconnect-delay", "200ms",
          "nest.server.nats.queue", "math-service.reconnect-" + PORT);
    }

    static void startServer() throws IOException {
      process = new ProcessBuilder("/usr/sbin/nats-server", "-a", "127.0.0.1", "-p", String.valueOf(PORT))
          .redirectErrorStream(true).redirectOutput(new File("target/own-nats-reconnect.log")).start();
    }

    static void kill() {
      process.destroy();
      try {
        process.waitFor();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }

    @Override
    public void stop() {
      if (process != null && process.isAlive()) {
        kill();
      }
    }
  }
}
