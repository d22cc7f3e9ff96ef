package org.acme.math;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.GetResponse;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.acme.transport.client.MessageOptions;
import org.acme.transport.client.NestClients;
import org.acme.transport.codec.NestCodec;
import org.acme.transport.testing.AsyncApiContract;
import org.acme.transport.testing.SharedBrokers;
import org.junit.jupiter.api.Test;

/**
 * A producer that knows nothing of Nest (the plain RabbitMQ Java client) publishes plain JSON to math-service's
 * exchange; with {@code nest.server.rmq.format=raw} the body is the event's data and the routing key its pattern
 * ({@link RmqRawProfile}). A body that is not JSON goes to the dead-letter queue with the reason, and the next one is
 * handled.
 */
@QuarkusTest
@TestProfile(RmqRawProfile.class)
class RmqRawFormatTests {

  private static final Duration WAIT = Duration.ofSeconds(10);
  private final NestClients clients;

  RmqRawFormatTests(NestClients clients) {
    this.clients = clients;
  }

  @Test
  void aPlainJsonBodyIsTheDataAndTheRoutingKeyThePattern() throws Exception {
    try (Connection connection = SharedBrokers.rabbit(); Channel channel = connection.createChannel()) {
      publish(channel, "rmqevents.created", "{\"orderId\":\"o-1\",\"total\":12.5}");
      await().atMost(WAIT).until(() -> RmqTopologyProbe.EVENTS_SEEN.containsKey("rmqevents.created"));
      JsonNode data = NestCodec.json().valueToTree(RmqTopologyProbe.EVENTS_SEEN.get("rmqevents.created"));
      assertThat(data.path("orderId").asText()).isEqualTo("o-1");
      assertThat(data.path("total").asDouble()).isEqualTo(12.5);
    }
  }

  @Test
  void aBodyThatIsNotJsonIsDeadLetteredAndTheNextIsHandled() throws Exception {
    try (Connection connection = SharedBrokers.rabbit(); Channel channel = connection.createChannel()) {
      publish(channel, "rmqevents.broken", "{not json");
      publish(channel, "rmqevents.after", "[1,2]");
      await().atMost(WAIT).until(() -> RmqTopologyProbe.EVENTS_SEEN.containsKey("rmqevents.after"));
      assertThat(RmqTopologyProbe.EVENTS_SEEN).doesNotContainKey("rmqevents.broken");
      GetResponse dead = await().atMost(WAIT).until(() -> channel.basicGet(RmqRawProfile.QUEUE + ".dlq", true), r -> r != null);
      assertThat(new String(dead.getBody(), StandardCharsets.UTF_8)).isEqualTo("{not json");
      assertThat(String.valueOf(dead.getProps().getHeaders().get("x-nest-error"))).isNotBlank();
    }
  }

  /** Our client with {@code format=raw}: the body a plain consumer bound to the exchange gets is the data, nothing else. */
  @Test
  void aRawClientEmitsTheBareDataWithThePatternAsRoutingKey() throws Exception {
    try (Connection connection = SharedBrokers.rabbit(); Channel channel = connection.createChannel()) {
      String plainConsumer = channel.queueDeclare().getQueue();
      channel.queueBind(plainConsumer, RmqRawProfile.QUEUE, "rmqevents.#");
      clients.get("rmq-raw").emit("rmqevents.shipped", Map.of("orderId", "o-7"), MessageOptions.builder().metadata("x-request-id", "r-7").build())
          .await().atMost(WAIT);
      GetResponse got = await().atMost(WAIT).until(() -> channel.basicGet(plainConsumer, true), r -> r != null);
      assertThat(new String(got.getBody(), StandardCharsets.UTF_8)).isEqualTo("{\"orderId\":\"o-7\"}");
      assertThat(got.getEnvelope().getRoutingKey()).isEqualTo("rmqevents.shipped");
      assertThat(String.valueOf(got.getProps().getHeaders().get("x-request-id"))).isEqualTo("r-7");
      // and the raw server takes it as the event of that pattern
      await().atMost(WAIT).until(() -> RmqTopologyProbe.EVENTS_SEEN.containsKey("rmqevents.shipped"));
    }
  }

  /**
   * The queue and the exchange carry the configured arguments, typed: the broker refuses a declaration that differs
   * (closing the channel with 406), and takes one that agrees.
   */
  @Test
  void theQueueAndTheExchangeAreDeclaredWithTheirArguments() throws Exception {
    try (Connection connection = SharedBrokers.rabbit()) {
      assertThatThrownBy(() -> connection.createChannel().queueDeclare(RmqRawProfile.QUEUE, true, false, false, null))
          .hasStackTraceContaining("PRECONDITION_FAILED");
      assertThatThrownBy(() -> connection.createChannel().exchangeDeclare(RmqRawProfile.QUEUE, "topic", true, false, null))
          .hasStackTraceContaining("PRECONDITION_FAILED");
      Channel agreeing = connection.createChannel();
      agreeing.queueDeclare(RmqRawProfile.QUEUE, true, false, false, Map.of("x-max-length", RmqRawProfile.MAX_LENGTH));
      agreeing.exchangeDeclare(RmqRawProfile.QUEUE, "topic", true, false, Map.of("alternate-exchange", RmqRawProfile.ALTERNATE));
    }
  }

  /** A raw client cannot ask: nothing in a bare body says where the answer goes. */
  @Test
  void aRawClientRefusesARequest() {
    assertThatThrownBy(() -> clients.get("rmq-raw").send("rmqevents.shipped", Map.of(), Object.class).await().atMost(WAIT))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("only emits events");
  }

  private static void publish(Channel channel, String routingKey, String body) throws Exception {
    channel.basicPublish(RmqRawProfile.QUEUE, routingKey, new AMQP.BasicProperties.Builder().contentType("application/json")
        .headers(Map.of("source", "plain-producer")).build(), body.getBytes(StandardCharsets.UTF_8));
  }

  /** /q/asyncapi on a raw server: only its event routes, each with the bare data as the body, no Nest envelope. */
  @Test
  void theAsyncApiDocumentShowsEventsOnlyWithoutTheEnvelope() {
    List<JsonNode> channels = AsyncApiContract.channelsOn("rmq");
    assertThat(channels).extracting(c -> c.path("address").asText()).contains(RmqTopologyProbe.EVENTS).doesNotContain("{\"cmd\":\"sum\"}");
    assertThat(channels).allSatisfy(channel -> {
      assertThat(channel.path("messages").has("request")).as(channel.toString()).isFalse();
      assertThat(channel.path("description").asText()).contains("Raw format");
    });
  }
}
