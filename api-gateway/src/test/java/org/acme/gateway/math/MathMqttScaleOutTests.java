package org.acme.gateway.math;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import org.acme.contracts.math.MathPatterns;
import org.acme.transport.client.NestClients;
import org.acme.transport.testing.NestPeers;
import org.acme.transport.testing.NestPeers.Call;
import org.acme.transport.testing.NestPeers.Version;
import org.acme.transport.testing.ServiceProcess;
import org.junit.jupiter.api.Test;

/**
 * Two instances of the real math-service (from its build output) on the real Mosquitto, in one MQTT share group of
 * this run's own: each {@code {cmd:'sum'}} request is handled by exactly one of them (their handled counts add up to
 * the requests sent, where each answering every request would give twice as many), both take a part, and a Nest client
 * is answered too. Only MQTT is served, so the instances take nothing from the other transports' shared queues.
 */
@QuarkusTest
class MathMqttScaleOutTests {

  private static final Duration WAIT = Duration.ofSeconds(10);
  private static final int REQUESTS = 60;
  private static final int FROM_NEST = 6;

  private final NestClients clients;

  MathMqttScaleOutTests(NestClients clients) {
    this.clients = clients;
  }

  @Test
  void twoInstancesShareTheRequestsAndAnswerEachOnce() {
    Map<String, String> mqttOnly = Map.of("nest.server.mqtt.group", "math-scale-" + UUID.randomUUID().toString().substring(0, 8),
        "nest.server.tcp.port", "0", "nest.server.redis.enabled", "false", "nest.server.nats.enabled", "false",
        "nest.server.rmq.enabled", "false", "nest.server.kafka.enabled", "false");
    try (ServiceProcess first = new ServiceProcess("math-service", mqttOnly).start();
        ServiceProcess second = new ServiceProcess("math-service", mqttOnly).start()) {
      double before = handled(first) + handled(second);
      double firstBefore = handled(first);
      List<Integer> sums = Uni.join().all(IntStream.range(0, REQUESTS)
          .mapToObj(i -> clients.get("math-mqtt").send(MathPatterns.SUM, List.of(i, 1), Integer.class)).toList())
          .andFailFast().await().atMost(WAIT);
      assertThat(sums).isEqualTo(IntStream.range(0, REQUESTS).mapToObj(i -> i + 1).toList());
      List<JsonNode> fromNest = NestPeers.client(Version.V11, "MQTT", Map.of("url", "mqtt://127.0.0.1:1883"), Map.of(),
          IntStream.range(0, FROM_NEST).mapToObj(i -> Call.send(Map.of("cmd", "sum"), List.of(1, 2, 3))).toList(), false, Duration.ofSeconds(3));
      assertThat(fromNest).allSatisfy(result -> assertThat(result.path("values").get(0).asText()).as(result.toString()).isEqualTo("6"));

      // a handler's timer stops before its reply is written, so every answered request is counted by now
      double firstShare = handled(first) - firstBefore;
      assertThat(handled(first) + handled(second) - before).as("requests handled by the two instances").isEqualTo(REQUESTS + FROM_NEST);
      assertThat(firstShare).as("the first instance's share").isBetween(1.0, REQUESTS + FROM_NEST - 1.0);
    }
  }

  private static double handled(ServiceProcess math) {
    return math.metric("nest_server_requests_seconds_count", Map.of("transport", "mqtt", "pattern", MathPatterns.SUM));
  }
}
