package org.acme.math;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.GetResponse;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.acme.contracts.math.MathPatterns;
import org.acme.transport.client.NestClients;
import org.acme.transport.rmq.RmqServer;
import org.acme.transport.testing.Commands;
import org.acme.transport.testing.FreePorts;
import org.acme.transport.testing.SharedBrokers;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Bad input on RabbitMQ, sent raw with the RabbitMQ Java client: each malformed message lands in the dead-letter
 * queue with its reason, a request among them also gets an error reply, every one is acknowledged (the queue
 * drains and the broker holds nothing unacknowledged), and the service goes on answering. Also: a consumer the broker cancels is set up again.
 */
@QuarkusTest
@QuarkusTestResource(FreePorts.class)
@QuarkusTestResource(UniqueBrokerNames.class)
class MathRmqBadInputTests {

  private static final ObjectMapper JSON = new ObjectMapper();
  private final NestClients clients;
  private final RmqServer server;
  private final MeterRegistry meters;
  private Connection connection;
  private Channel channel;
  private String replyQueue;
  private final BlockingQueue<JsonNode> replies = new ArrayBlockingQueue<>(16);

  @ConfigProperty(name = "nest.server.rmq.queue")
  String queue;

  MathRmqBadInputTests(NestClients clients, RmqServer server, MeterRegistry meters) {
    this.clients = clients;
    this.server = server;
    this.meters = meters;
  }

  @BeforeEach
  void connect() throws Exception {
    connection = SharedBrokers.rabbit();
    channel = connection.createChannel();
    // direct reply-to, as Nest asks for its replies: the server answers nowhere else
    replyQueue = "amq.rabbitmq.reply-to";
    channel.basicConsume(replyQueue, true, (tag, delivery) -> replies.add(JSON.createObjectNode()
        .put("correlationId", delivery.getProperties().getCorrelationId())
        .set("body", JSON.readTree(delivery.getBody()))), tag -> { });
    channel.queuePurge(server.deadLetterQueue());
  }

  @AfterEach
  void close() throws Exception {
    connection.close();
  }

  private void publish(byte[] body, boolean askForReply, String correlationId) throws Exception {
    AMQP.BasicProperties.Builder props = new AMQP.BasicProperties.Builder().correlationId(correlationId);
    if (askForReply) {
      props.replyTo(replyQueue);
    }
    channel.basicPublish("", queue, props.build(), body);
  }

  private JsonNode deadLetter() {
    return await().atMost(Duration.ofSeconds(10)).until(() -> {
      GetResponse got = channel.basicGet(server.deadLetterQueue(), true);
      return got == null ? null : JSON.createObjectNode()
          .put("reason", String.valueOf(got.getProps().getHeaders().get("x-nest-error")))
          .put("body", new String(got.getBody(), StandardCharsets.UTF_8));
    }, java.util.Objects::nonNull);
  }

  /**
   * Every message is settled: none waits in the queue, and none is held unacknowledged by the server's consumer
   * (messageCount leaves those out; rabbitmqctl counts them), so a handler that forgot its ack fails here.
   */
  private void drainedAndStillServes() {
    await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(500))
        .until(() -> channel.messageCount(queue) == 0 && unacknowledged(queue) == 0);
    assertThat(clients.get("math-rmq").send(MathPatterns.SUM, List.of(1, 2, 3), Integer.class).await().atMost(Duration.ofSeconds(5))).isEqualTo(6);
  }

  /** Messages delivered to a consumer of the queue and not yet acknowledged, as the broker counts them. */
  private static long unacknowledged(String queue) {
    String out = Commands.run("rabbitmqctl", "list_queues", "-q", "--no-table-headers", "name", "messages_unacknowledged");
    return out.lines().map(line -> line.trim().split("\\s+")).filter(cols -> cols.length == 2 && cols[0].equals(queue))
        .mapToLong(cols -> Long.parseLong(cols[1])).findFirst()
        .orElseThrow(() -> new IllegalStateException("rabbitmqctl does not list " + queue + ": " + out));
  }


  /** Dead letters waiting show as the gauge nest.server.dead.letters, read from the broker (every 200 ms in tests). */
  @Test
  void theDeadLetterQueuesDepthIsAGauge() throws Exception {
    java.util.function.DoubleSupplier depth = () -> meters.get("nest.server.dead.letters").tag("transport", "rmq")
        .tag("queue", server.deadLetterQueue()).gauge().value();
    await().atMost(Duration.ofSeconds(10)).until(() -> depth.getAsDouble() == 0);
    for (int i = 0; i < 3; i++) {
      publish(utf8("not json " + i), false, "depth-" + i);
    }
    await().atMost(Duration.ofSeconds(10)).until(() -> depth.getAsDouble() == 3);
    channel.queuePurge(server.deadLetterQueue());
    await().atMost(Duration.ofSeconds(10)).until(() -> depth.getAsDouble() == 0);
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void garbageBytesAreDeadLetteredAndAnswered() throws Exception {
    String id = UUID.randomUUID().toString();
    publish(new byte[] {(byte) 0xff, 0x00, 0x13}, true, id);
    JsonNode reply = replies.poll(10, TimeUnit.SECONDS);
    assertThat(reply).isNotNull();
    assertThat(reply.path("correlationId").asText()).isEqualTo(id);
    assertThat(reply.path("body").path("err").path("message").asText()).contains("not valid JSON");
    assertThat(reply.path("body").path("isDisposed").asBoolean()).isTrue();
    assertThat(deadLetter().path("reason").asText()).contains("not valid JSON");
    drainedAndStillServes();
  }

  @Test
  void invalidJsonWithoutReplyToIsDeadLettered() throws Exception {
    publish(utf8("{\"pattern\":{\"cmd\":\"sum\"},\"data\":[1,"), false, null);
    JsonNode dead = deadLetter();
    assertThat(dead.path("reason").asText()).contains("not valid JSON");
    assertThat(dead.path("body").asText()).startsWith("{\"pattern\"");
    drainedAndStillServes();
  }

  @Test
  void anEnvelopeWithoutPatternIsDeadLetteredAndAnswered() throws Exception {
    publish(utf8("{\"data\":[1],\"id\":\"x1\"}"), true, "x1");
    JsonNode reply = replies.poll(10, TimeUnit.SECONDS);
    assertThat(reply.path("body").path("err").path("message").asText()).contains("no pattern");
    assertThat(deadLetter().path("reason").asText()).contains("no pattern");
    drainedAndStillServes();
  }

  @Test
  void aHeaderWithAControlCharacterIsDeadLetteredAndAnswered() throws Exception {
    channel.basicPublish("", queue, new AMQP.BasicProperties.Builder().correlationId("m1").replyTo(replyQueue)
        .headers(java.util.Map.of("x-id", "a\u0000b")).build(), utf8("{\"pattern\":{\"cmd\":\"sum\"},\"data\":[1],\"id\":\"m1\"}"));
    JsonNode reply = replies.poll(10, TimeUnit.SECONDS);
    assertThat(reply).isNotNull();
    assertThat(reply.path("body").path("err").path("message").asText()).isEqualTo("metadata 'x-id' has the character U+0000 in its value; "
        + "values are printable ASCII (encode anything else)");
    assertThat(deadLetter().path("reason").asText()).contains("metadata 'x-id'");
    drainedAndStillServes();
  }

  /** A reply_to naming another queue (payments_queue, say) is not served: the request is dead-lettered, unanswered. */
  @Test
  void aReplyToAnotherServicesQueueIsRefused() throws Exception {
    String victim = "victim.math-tests." + UUID.randomUUID();
    channel.queueDeclare(victim, false, false, true, null);
    channel.basicPublish("", queue, new AMQP.BasicProperties.Builder().correlationId("r1").replyTo(victim).build(),
        utf8("{\"pattern\":{\"cmd\":\"count\"},\"data\":{\"to\":100},\"id\":\"r1\"}"));
    assertThat(deadLetter().path("reason").asText()).contains("reply_to " + victim);
    assertThat(channel.messageCount(victim)).as("nothing reflected into another queue").isZero();
    drainedAndStillServes();
  }

  @Test
  void aRequestWhoseDeadlinePassedIsAnsweredAndAckedNotStarted() throws Exception {
    channel.basicPublish("", queue, new AMQP.BasicProperties.Builder().correlationId("late").replyTo(replyQueue)
        .headers(java.util.Map.of("x-deadline", String.valueOf(System.currentTimeMillis() - 1))).build(),
        utf8("{\"pattern\":{\"cmd\":\"sum\"},\"data\":[1],\"id\":\"late\"}"));
    JsonNode reply = replies.poll(10, TimeUnit.SECONDS);
    assertThat(reply).isNotNull();
    assertThat(reply.path("body").path("err").path("statusCode").asInt()).isEqualTo(504);
    drainedAndStillServes();
  }

  @Test
  void packetMetadataThatIsNotAMapOfStringsIsDeadLetteredAndAnswered() throws Exception {
    publish(utf8("{\"pattern\":{\"cmd\":\"sum\"},\"data\":[1],\"metadata\":\"x\",\"id\":\"m2\"}"), true, "m2");
    JsonNode reply = replies.poll(10, TimeUnit.SECONDS);
    assertThat(reply.path("body").path("err").path("message").asText()).isEqualTo("metadata must be an object of strings, got string");
    assertThat(deadLetter().path("reason").asText()).contains("metadata must be an object");
    drainedAndStillServes();
  }

  @Test
  void aRequestWithoutIdIsDeadLettered() throws Exception {
    publish(utf8("{\"pattern\":{\"cmd\":\"sum\"},\"data\":[1,2]}"), false, null);
    assertThat(deadLetter().path("reason").asText()).contains("without an id");
    drainedAndStillServes();
  }

  @Test
  void anEventNobodyHandlesIsDeadLettered() throws Exception {
    publish(utf8("{\"pattern\":\"nobody_listens\",\"data\":{}}"), false, null);
    assertThat(deadLetter().path("reason").asText()).contains("no event handler for nobody_listens");
    drainedAndStillServes();
  }

  @Test
  void anEventItsHandlerRejectsIsDeadLetteredNotLost() throws Exception {
    publish(utf8("{\"pattern\":\"user_created\",\"data\":{\"userId\":\"\",\"email\":\"not-an-email\"}}"), false, null);
    JsonNode dead = deadLetter();
    assertThat(dead.path("reason").asText()).contains("the event handler failed").contains("userId");
    assertThat(dead.path("body").asText()).contains("not-an-email");
    drainedAndStillServes();
  }

  @Test
  void anUnknownPatternGetsNestsNoHandlerReplyAndIsAcked() throws Exception {
    publish(utf8("{\"pattern\":{\"cmd\":\"nope\"},\"data\":{},\"id\":\"n1\"}"), true, "n1");
    JsonNode reply = replies.poll(10, TimeUnit.SECONDS);
    assertThat(reply.path("body").path("id").asText()).isEqualTo("n1");
    assertThat(reply.path("body").path("status").asText()).isEqualTo("error");
    drainedAndStillServes();
  }

  /** Deleting the queue makes the broker cancel the consumer; the server declares the queue and consumes again. */
  @Test
  void aConsumerTheBrokerCancelsIsSetUpAgain() throws Exception {
    channel.queueDelete(queue);
    await().atMost(Duration.ofSeconds(15)).ignoreExceptions().untilAsserted(() -> assertThat(
        clients.get("math-rmq").send(MathPatterns.SUM, List.of(2, 2), Integer.class).await().atMost(Duration.ofSeconds(3))).isEqualTo(4));
    assertThat(channel.consumerCount(queue)).isEqualTo(1);
  }
}
