package org.acme.math;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.acme.contracts.math.MathPatterns;
import org.acme.transport.client.NestClients;
import org.acme.transport.codec.NestCodec;
import org.acme.transport.testing.AsyncApiContract;
import org.acme.transport.testing.NestPeers.Call;
import org.acme.transport.testing.NestPeers.Version;
import org.acme.transport.testing.NestPeers;
import org.acme.transport.testing.SharedBrokers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Nest's RabbitMQ topology options, both ways, against the real broker and real Nest 11 and 12 peers: math-service's
 * server bound to a topic exchange ({@code wildcards}, {@code routing-key}, {@code no-assert}, prefetch; see
 * {@link RmqTopologyProfile}), reached by Nest clients and ours through the exchange; and our client publishing
 * through the exchange of a Nest server started with {@code wildcards}.
 */
@QuarkusTest
@TestProfile(RmqTopologyProfile.class)
class RmqTopologyTests {

  private static final Duration WAIT = Duration.ofSeconds(10);
  private static final String URL = "amqp://guest:guest@127.0.0.1:5672";

  private final NestClients clients;

  RmqTopologyTests(NestClients clients) {
    this.clients = clients;
  }

  /** Nest's client with {@code wildcards} publishes to the exchange, the pattern as routing key; the exact handler beats the wildcards. */
  @ParameterizedTest(name = "NestJS {0}")
  @ValueSource(strings = {"11", "12"})
  void nestClientsReachTheWildcardHandlersThroughTheExchange(String nest) {
    Map<String, Object> options = Map.of("urls", List.of(URL), "queue", RmqTopologyProfile.QUEUE,
        "exchange", RmqTopologyProfile.EXCHANGE, "wildcards", true);
    List<JsonNode> results = NestPeers.client(Version.of(nest), "RMQ", options, Map.of(), List.of(
        Call.send("rmqprobe.7.temp", 1), Call.send(RmqTopologyProbe.EXACT, 2), Call.send("rmqprobe.a.b.c", 3),
        Call.send(Map.of("cmd", "sum"), List.of(1, 2))), false, Duration.ofSeconds(6));
    assertAnswered(results.get(0), RmqTopologyProbe.ONE_WORD, "rmqprobe.7.temp");
    assertAnswered(results.get(1), RmqTopologyProbe.EXACT, RmqTopologyProbe.EXACT);
    assertAnswered(results.get(2), RmqTopologyProbe.ANY_WORDS, "rmqprobe.a.b.c");
    assertThat(results.get(3).path("values").path(0).asInt()).as(results.get(3).toString()).isEqualTo(3);
  }

  /** An event through the exchange finds its wildcard event handler the same way. */
  @ParameterizedTest(name = "NestJS {0}")
  @ValueSource(strings = {"11", "12"})
  void nestEventsReachTheWildcardEventHandler(String nest) {
    String pattern = "rmqevents.v" + nest;
    Map<String, Object> options = Map.of("urls", List.of(URL), "queue", RmqTopologyProfile.QUEUE,
        "exchange", RmqTopologyProfile.EXCHANGE, "wildcards", true);
    List<JsonNode> results = NestPeers.client(Version.of(nest), "RMQ", options, Map.of(), List.of(Call.emit(pattern, Map.of("n", 1))), false,
        Duration.ofSeconds(6));
    assertThat(results.get(0).path("ok").asBoolean()).as(results.toString()).isTrue();
    await().atMost(WAIT).until(() -> RmqTopologyProbe.EVENTS_SEEN.containsKey(pattern));
  }

  @Test
  void ourClientPublishesToTheExchangeWithThePatternAsRoutingKey() {
    JsonNode answer = clients.get("rmq-topo").send("rmqprobe.8.temp", 1, JsonNode.class).await().atMost(WAIT);
    assertThat(answer.path("handler").asText()).isEqualTo(RmqTopologyProbe.ONE_WORD);
    assertThat(answer.path("exchange").asText()).isEqualTo(RmqTopologyProfile.EXCHANGE);
    assertThat(answer.path("routingKey").asText()).isEqualTo("rmqprobe.8.temp");
    // an object pattern goes with its route, the key the server bound
    assertThat(clients.get("rmq-topo").send(MathPatterns.SUM, List.of(2, 3), Integer.class).await().atMost(WAIT)).isEqualTo(5);
  }

  /** The configured routing key binds the queue too: a plain AMQP publisher's message under it reaches the server. */
  @Test
  void theRoutingKeyBindsTheQueue() throws Exception {
    try (Connection connection = SharedBrokers.rabbit(); Channel channel = connection.createChannel()) {
      BlockingQueue<String> replies = new ArrayBlockingQueue<>(1);
      channel.basicConsume("amq.rabbitmq.reply-to", true, (tag, delivery) -> replies.add(new String(delivery.getBody(), StandardCharsets.UTF_8)),
          tag -> { });
      AMQP.BasicProperties props = new AMQP.BasicProperties.Builder().replyTo("amq.rabbitmq.reply-to").correlationId("c1").build();
      channel.basicPublish(RmqTopologyProfile.EXCHANGE, "legacy.billing.v1", props,
          "{\"pattern\":\"multiply\",\"data\":{\"a\":6,\"b\":7},\"id\":\"c1\"}".getBytes(StandardCharsets.UTF_8));
      String reply = replies.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
      assertThat(reply).as("the reply").isNotNull();
      assertThat(NestCodec.parse(reply).path("response").asInt()).isEqualTo(42);
    }
  }

  /**
   * With prefetch 2 the broker hands the server two requests that never answer and keeps the other three ready in the
   * queue. The queue is the administrator's, with its own argument (no-assert): that it is consumed at all shows the
   * server did not declare it.
   */
  @Test
  void thePrefetchBoundsWhatTheServerHolds() throws Exception {
    try (Connection connection = SharedBrokers.rabbit(); Channel channel = connection.createChannel()) {
      assertThat(channel.queueDeclarePassive(RmqTopologyProfile.QUEUE).getConsumerCount()).isEqualTo(1);
      byte[] never = ("{\"pattern\":" + NestCodec.json().writeValueAsString(NestCodec.json().readTree(MathPatterns.NEVER))
          + ",\"data\":{},\"id\":\"n\"}").getBytes(StandardCharsets.UTF_8);
      for (int i = 0; i < 5; i++) {
        channel.basicPublish("", RmqTopologyProfile.QUEUE, new AMQP.BasicProperties.Builder().build(), never);
      }
      await().atMost(WAIT).until(() -> channel.queueDeclarePassive(RmqTopologyProfile.QUEUE).getMessageCount() == 3);
      Thread.sleep(300);
      assertThat(channel.queueDeclarePassive(RmqTopologyProfile.QUEUE).getMessageCount()).as("still waiting in the queue").isEqualTo(3);
      channel.queuePurge(RmqTopologyProfile.QUEUE);
    }
  }

  /** Our client with {@code wildcards} calls a Nest server bound with its own: through the exchange named after its queue. */
  @ParameterizedTest(name = "NestJS {0}")
  @ValueSource(strings = {"11", "12"})
  void ourClientReachesANestServerThroughItsExchange(String nest) {
    Map<String, Object> options = Map.of("urls", List.of(URL), "queue", RmqTopologyProfile.NEST_QUEUE, "wildcards", true);
    try (NestPeers.Server server = NestPeers.server(Version.of(nest), "RMQ", options)) {
      assertThat(clients.get("rmq-nest-wild").send(MathPatterns.SUM, List.of(4, 5), Integer.class).await().atMost(WAIT))
          .as(server::output).isEqualTo(9);
      assertThat(clients.get("rmq-nest-wild").send(MathPatterns.MULTIPLY, Map.of("a", 3, "b", 4), Integer.class).await().atMost(WAIT))
          .isEqualTo(12);
    }
  }

  private static void assertAnswered(JsonNode result, String handler, String pattern) {
    assertThat(result.path("ok").asBoolean()).as(result.toString()).isTrue();
    JsonNode answer = result.path("values").get(0);
    assertThat(answer.path("handler").asText()).isEqualTo(handler);
    assertThat(answer.path("pattern").asText()).isEqualTo(pattern);
    assertThat(answer.path("exchange").asText()).isEqualTo(RmqTopologyProfile.EXCHANGE);
  }

  /** /q/asyncapi says where a pattern goes: the exchange, with the route as routing key, not the queue; and it parses. */
  @Test
  void theAsyncApiDocumentShowsTheExchangeAndTheRoutingKey() throws Exception {
    new AsyncApiContract() { }.theDocumentPassesTheAsyncApiParser();
    JsonNode channel = AsyncApiContract.channelsOn("rmq").stream().filter(c -> c.path("address").asText().equals(RmqTopologyProbe.EXACT))
        .findFirst().orElseThrow(() -> new AssertionError(RmqTopologyProbe.EXACT + " has no rmq channel addressed by its route"));
    JsonNode amqp = channel.path("bindings").path("amqp");
    assertThat(amqp.path("is").asText()).isEqualTo("routingKey");
    assertThat(amqp.path("exchange").path("name").asText()).isEqualTo(RmqTopologyProfile.EXCHANGE);
    assertThat(amqp.path("exchange").path("type").asText()).isEqualTo("topic");
    assertThat(channel.path("description").asText()).contains(RmqTopologyProfile.QUEUE).contains(RmqTopologyProfile.LEGACY_KEY);
  }
}
