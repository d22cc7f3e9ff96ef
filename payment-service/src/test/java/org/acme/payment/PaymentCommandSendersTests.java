package org.acme.payment;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.acme.contracts.payment.PaymentResult;
import org.acme.transport.codec.NestCodec;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * Charges and refunds only from the broker users in {@code payment.command-senders}: here the one this test's client
 * logs in as, whose {@code user_id} the client stamps (and RabbitMQ vouches for). A message without it, as a Nest client
 * sends, is refused with 403 before any money moves; a lookup stays open to anyone.
 */
@QuarkusTest
@TestProfile(PaymentCommandSendersTests.SendersNamed.class)
@WithTestResource(value = UniquePaymentNames.class, scope = TestResourceScope.GLOBAL)
class PaymentCommandSendersTests {

  public static class SendersNamed implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of("payment.command-senders", "${nest.rabbitmq.username}");
    }
  }

  private final PaymentCalls payments;

  PaymentCommandSendersTests(PaymentCalls payments) {
    this.payments = payments;
  }

  @ConfigProperty(name = "nest.server.rmq.queue")
  String queue;
  @ConfigProperty(name = "nest.rabbitmq.username")
  String username;
  @ConfigProperty(name = "nest.rabbitmq.password")
  String password;
  @ConfigProperty(name = "nest.rabbitmq.port")
  int port;

  @Test
  void aNamedSenderIsCharged() {
    assertThat(payments.pay(payments.newOrder("named"), "5.00", "card").status()).isEqualTo(PaymentResult.COMPLETED);
  }

  @Test
  void aMessageThatNamesNoSenderMovesNoMoney() throws Exception {
    String orderId = payments.newOrder("unnamed");
    JsonNode answer = askWithoutUserId("process_payment", Map.of("orderId", orderId, "amount", 5, "method", "card"));
    assertThat(answer.path("err").path("statusCode").asInt()).isEqualTo(403);
    assertThat(answer.path("err").path("message").asText()).isEqualTo("Forbidden resource");
    assertThat(askWithoutUserId("refund_payment", Map.of("orderId", orderId, "reason", "forged")).path("err").path("statusCode").asInt())
        .isEqualTo(403);
    assertThat(payments.error("get_payment", Map.of("orderId", orderId)).path("statusCode").asInt()).as("nothing was charged").isEqualTo(404);
  }

  /** A Nest-style request (no user_id), its answer taken on the direct reply-to queue within 10 s. */
  private JsonNode askWithoutUserId(String pattern, Object data) throws Exception {
    ConnectionFactory factory = new ConnectionFactory();
    factory.setHost("127.0.0.1");
    factory.setPort(port);
    factory.setUsername(username);
    factory.setPassword(password);
    try (Connection connection = factory.newConnection(); Channel channel = connection.createChannel()) {
      BlockingQueue<byte[]> answers = new LinkedBlockingQueue<>();
      channel.basicConsume("amq.rabbitmq.reply-to", true, (tag, delivery) -> answers.add(delivery.getBody()), tag -> { });
      String id = UUID.randomUUID().toString();
      byte[] packet = NestCodec.json().writeValueAsBytes(Map.of("pattern", pattern, "data", data, "id", id));
      channel.basicPublish("", queue, new AMQP.BasicProperties.Builder().replyTo("amq.rabbitmq.reply-to").correlationId(id).build(), packet);
      byte[] answer = answers.poll(10, TimeUnit.SECONDS);
      assertThat(answer).as("an answer to %s within 10 s", pattern).isNotNull();
      return NestCodec.json().readTree(new String(answer, StandardCharsets.UTF_8));
    }
  }
}
