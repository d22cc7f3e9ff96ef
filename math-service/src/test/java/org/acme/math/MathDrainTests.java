package org.acme.math;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.acme.contracts.math.MathPatterns;
import org.acme.transport.testing.BrokerProcess;
import org.acme.transport.testing.FreePorts;
import org.acme.transport.testing.NestPeers;
import org.acme.transport.testing.NestPeers.Call;
import org.acme.transport.testing.NestPeers.Version;
import org.acme.transport.testing.ServiceProcess;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The graceful drain, on every message transport at once: the built math-service runs as a real process, real NestJS
 * 11 clients have requests in flight on each transport ({@code {cmd:'delay'}}), and the process gets SIGTERM. What
 * was accepted before the signal is answered, nothing after it is taken, the process exits within the grace, and a
 * request that outlives the grace ({@code {cmd:'never'}}) gets a 503 "not now" rather than silence. Runs after the
 * jar is built (the {@value #PACKAGED} group, math-service's pom).
 */
@Tag(MathDrainTests.PACKAGED)
class MathDrainTests {

  /** Tests that start math-service's own built jar: they run in the package phase, after it is built. */
  static final String PACKAGED = "packaged";

  /** Nest's transport names, with the name our context and metrics give each. */
  private enum Wire {
    TCP("tcp"), REDIS("redis"), NATS("nats"), MQTT("mqtt"), RMQ("rmq"), KAFKA("kafka");

    final String metricName;

    Wire(String metricName) {
      this.metricName = metricName;
    }

    /** Nest's object pattern, or Kafka's alias (a topic cannot hold braces). */
    Object pattern(String cmd, String kafkaAlias) {
      return this == KAFKA ? kafkaAlias : Map.of("cmd", cmd);
    }
  }

  private final UniqueBrokerNames names = new UniqueBrokerNames();
  /**
   * Redis, MQTT and NATS of this test's own: every subscriber of a channel, topic or subject gets a copy there (another
   * build's math-service in another group too), and a late answer of theirs to our request would stand for ours.
   */
  private final BrokerProcess redis = BrokerProcess.redis();
  private final BrokerProcess mosquitto = BrokerProcess.mosquitto();
  private final BrokerProcess nats = BrokerProcess.nats();
  private final String id = "drain-" + UUID.randomUUID().toString().substring(0, 8);
  private final int tcpPort = FreePorts.free();
  /** A thread per client: the common pool has one thread on a two-core machine, and the clients must run at once. */
  private final ExecutorService clients = Executors.newCachedThreadPool();

  @Test
  void requestsInFlightAtTheSignalAreAnsweredAndNoneIsTakenAfterIt() throws Exception {
    // long enough for six Node clients to start after the signal on a loaded two-core machine (one run saw 15 s)
    Duration delay = Duration.ofSeconds(30);
    try (ServiceProcess math = start(Duration.ofSeconds(60))) {
      Map<Wire, CompletableFuture<List<JsonNode>>> inFlight = callEach(wire -> List.of(delay(wire, delay), delay(wire, delay), delay(wire, delay)),
          delay.plusSeconds(20));
      awaitInFlight(math, wire -> 3, inFlight);
      long signalled = System.nanoTime();
      math.handle().destroy();

      // after the signal: no transport takes a new request, while the process still drains the others
      Map<Wire, CompletableFuture<List<JsonNode>>> late = callEach(wire -> List.of(delay(wire, Duration.ZERO)), Duration.ofSeconds(3));
      late.forEach((wire, results) -> assertThat(results.join().get(0).path("ok").asBoolean()).as("%s: a request sent after SIGTERM", wire).isFalse());
      assertThat(math.handle().isAlive()).as("still draining while the late requests were refused").isTrue();

      // (Nest's Kafka client hands back a scalar as a string: the value is compared as a number)
      inFlight.forEach((wire, results) -> assertThat(results.join()).as("%s: the requests in flight at SIGTERM", wire).allSatisfy(result -> {
        assertThat(result.path("ok").asBoolean()).as("%s", result).isTrue();
        assertThat(result.path("values")).as("%s", result).hasSize(1);
        assertThat(result.path("values").get(0).asLong()).isEqualTo(delay.toMillis());
      }));
      math.handle().onExit().get(65, TimeUnit.SECONDS);
      Duration stopped = Duration.ofNanos(System.nanoTime() - signalled);
      assertThat(stopped).as("exits once the handlers are done, within the grace").isLessThan(Duration.ofSeconds(60));
    }
  }

  /** And an event still running then goes back to its broker: RabbitMQ requeues it, Kafka does not commit its offset. */
  @Test
  void aRequestStillRunningAtTheEndOfTheGraceGetsANotNowErrorAndAnEventGoesBack() throws Exception {
    Duration grace = Duration.ofSeconds(3);
    try (ServiceProcess math = start(grace)) {
      Map<Wire, CompletableFuture<List<JsonNode>>> never = callEach(wire -> wire == Wire.RMQ || wire == Wire.KAFKA
          ? List.of(Call.send(wire.pattern("never", MathPatterns.KAFKA_NEVER), Map.of()), Call.emit(MathPatterns.DELAY_EVENT, Map.of("ms", 30_000)))
          : List.of(Call.send(wire.pattern("never", MathPatterns.KAFKA_NEVER), Map.of())), Duration.ofSeconds(60));
      awaitInFlight(math, wire -> wire == Wire.RMQ || wire == Wire.KAFKA ? 2 : 1, never);
      long signalled = System.nanoTime();
      math.handle().destroy();
      math.handle().onExit().get(30, TimeUnit.SECONDS);
      Duration stopped = Duration.ofNanos(System.nanoTime() - signalled);

      never.forEach((wire, results) -> {
        JsonNode result = results.join().get(0);
        assertThat(result.path("ok").asBoolean()).as("%s: %s", wire, result).isFalse();
        assertThat(result.path("err").path("statusCode").asInt()).as("%s: a 503, not silence: %s", wire, result).isEqualTo(503);
      });
      assertThat(stopped).as("waits for the grace, then stops").isBetween(grace, grace.plusSeconds(10));
      assertThat(BrokerState.ready(names.rmqQueue())).as("the RabbitMQ event, back in its queue").isEqualTo(1);
      assertThat(BrokerState.uncommitted(id, MathPatterns.DELAY_EVENT)).as("the Kafka event, its offset not committed").isPositive();
    }
  }

  @AfterEach
  void stopBrokers() {
    names.stop();
    clients.shutdownNow();
    List.of(redis, mosquitto, nats).forEach(BrokerProcess::stop);
  }

  private ServiceProcess start(Duration drain) {
    List.of(redis, mosquitto, nats).forEach(BrokerProcess::start);
    Map<String, String> test = names.start();
    Map<String, String> config = new HashMap<>(Map.of(
        "nest.server.drain-timeout", drain.toMillis() + "ms",
        "nest.server.tcp.port", String.valueOf(tcpPort),
        "nest.server.nats.queue", test.get("test.nats.queue"),
        "nest.server.mqtt.group", test.get("test.mqtt.group"),
        "nest.server.rmq.queue", test.get("test.rmq.queue"),
        "nest.server.kafka.group-id", id));
    config.putAll(Map.of("quarkus.redis.hosts", "redis://127.0.0.1:" + redis.port(), "nest.mqtt.port", String.valueOf(mosquitto.port()),
        "nest.nats.url", "nats://127.0.0.1:" + nats.port()));
    return new ServiceProcess("math-service", config).start();
  }

  private static Call delay(Wire wire, Duration delay) {
    return Call.send(wire.pattern("delay", MathPatterns.KAFKA_DELAY), Map.of("ms", delay.toMillis()));
  }

  /** One real Nest client per transport, each sending its calls at once, in the background. */
  private Map<Wire, CompletableFuture<List<JsonNode>>> callEach(Function<Wire, List<Call>> calls, Duration timeout) {
    Map<Wire, CompletableFuture<List<JsonNode>>> results = new EnumMap<>(Wire.class);
    for (Wire wire : Wire.values()) {
      results.put(wire, CompletableFuture.supplyAsync(() -> NestPeers.client(Version.V11, wire.name(), options(wire), Map.of(), calls.apply(wire), true, timeout),
          clients));
    }
    return results;
  }

  private Map<String, Object> options(Wire wire) {
    return switch (wire) {
      case TCP -> Map.of("host", "127.0.0.1", "port", tcpPort);
      case REDIS -> Map.of("host", "127.0.0.1", "port", redis.port());
      case NATS -> Map.of("servers", List.of("nats://127.0.0.1:" + nats.port()));
      case MQTT -> Map.of("url", "mqtt://127.0.0.1:" + mosquitto.port());
      case RMQ -> Map.of("urls", List.of("amqp://guest:guest@127.0.0.1:5672"), "queue", names.rmqQueue());
      case KAFKA -> Map.of("client", Map.of("brokers", List.of(KafkaTestTopics.BOOTSTRAP), "clientId", id + "-client", "logLevel", 1),
          "consumer", Map.of("groupId", id + "-client"));
    };
  }

  /** Until the service's gauge shows this many requests in flight on every transport: accepted before the signal. */
  private static void awaitInFlight(ServiceProcess math, Function<Wire, Integer> count, Map<Wire, CompletableFuture<List<JsonNode>>> calls)
      throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
    Map<Wire, Double> seen = new EnumMap<>(Wire.class);
    while (System.nanoTime() < deadline) {
      for (Wire wire : Wire.values()) {
        seen.put(wire, math.metric("nest_server_in_flight", Map.of("transport", wire.metricName)));
        if (calls.get(wire).isDone()) {
          throw new AssertionError(wire + " ended before the signal: " + calls.get(wire).join());
        }
      }
      if (seen.entrySet().stream().allMatch(n -> n.getValue() >= count.apply(n.getKey()))) {
        return;
      }
      Thread.sleep(100);
    }
    throw new AssertionError("not every transport had its messages in flight within 90 s: " + seen + "\n" + math.logFor("ERROR"));
  }
}
