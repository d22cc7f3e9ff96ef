package org.acme.transport;

import static org.acme.transport.testing.ManagementPort.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * A broker that is away makes readiness DOWN with its name and address, the service keeps serving, and
 * readiness comes back UP once the broker does. The broker here is a real nats-server of the test's own,
 * on a free port, so the shared brokers other tests use are never disturbed.
 */
@QuarkusTest
@TestProfile(BrokerOutageTests.OwnNatsProfile.class)
class BrokerOutageTests {

  static final int PORT = freePort();
  private static Process natsServer;

  public static class OwnNatsProfile implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of("nest.nats.url", "nats://127.0.0.1:" + PORT, "nest.reconnect-delay", "200ms");
    }
  }

  @Test
  void readinessFollowsTheBroker() throws IOException {
    given().get("/q/health/ready").then().statusCode(503)
        .body("checks.find { it.name == 'nats' }.status", is("DOWN"))
        .body("checks.find { it.name == 'nats' }.data.error", containsString("nats at nats://127.0.0.1:" + PORT + " is unreachable"));
    given().get("/q/health/live").then().statusCode(200);

    natsServer = startNats();
    await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().get("/q/health/ready").then().statusCode(200)
        .body("checks.name", hasItem("nats")));

    natsServer.destroy();
    await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().get("/q/health/ready").then().statusCode(503));

    natsServer = startNats();
    await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().get("/q/health/ready").then().statusCode(200));
  }

  @AfterAll
  static void stopNats() {
    if (natsServer != null) {
      natsServer.destroy();
    }
  }

  private static Process startNats() throws IOException {
    String binary = Files.isExecutable(Path.of("/usr/sbin/nats-server")) ? "/usr/sbin/nats-server" : "nats-server";
    return new ProcessBuilder(binary, "-a", "127.0.0.1", "-p", String.valueOf(PORT))
        .redirectErrorStream(true).redirectOutput(new File("target/own-nats-server.log")).start();
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
