package org.acme.transport.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.GetResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.acme.transport.testing.AccessPolicies;
import org.acme.transport.testing.BrokerProcess;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * RabbitMQ with the committed users and permissions ({@code scripts/access/rabbitmq.users}): only payment-service may
 * take from {@code payments_queue}, and a message's {@code user_id} cannot be forged (RabbitMQ refuses one that is not
 * the publisher's login), which is what lets payment-service take charges and refunds from order-service alone.
 */
class RabbitAccessTests {

  static final AccessPolicies ACCESS = new AccessPolicies();
  static final BrokerProcess RABBITMQ = BrokerProcess.rabbitmqConfigured("""
      listeners.tcp.default = 127.0.0.1:{port}
      default_user = admin
      default_pass = %s
      loopback_users = none""".formatted(ACCESS.password("admin"))).start();

  @BeforeAll
  static void applyThePolicy() throws Exception {
    for (String rule : AccessPolicies.rules("rabbitmq.users")) {
      String[] fields = rule.split("\\s+");
      RABBITMQ.rabbitmqctl("add_user", fields[0], ACCESS.password(fields[0]));
      RABBITMQ.rabbitmqctl("set_permissions", "-p", "/", fields[0], fields[1], fields[2], fields[3]);
    }
    try (Connection payment = connect("payment-service"); Channel channel = payment.createChannel()) {
      channel.queueDeclare("payments_queue", true, false, false, null);
    }
  }

  @Test
  void onlyPaymentServiceTakesFromItsQueue() throws Exception {
    for (String thief : List.of("api-gateway", "order-service", "math-service")) {
      try (Connection connection = connect(thief)) {
        Channel channel = connection.createChannel();
        assertThatThrownBy(() -> channel.basicGet("payments_queue", true)).as(thief).hasStackTraceContaining("ACCESS_REFUSED");
      }
    }
    try (Connection payment = connect("payment-service"); Channel channel = payment.createChannel()) {
      channel.basicGet("payments_queue", true);
    }
  }

  @Test
  void aSenderCannotPassItselfOffAsTheSaga() throws Exception {
    try (Connection gateway = connect("api-gateway")) {
      Channel channel = gateway.createChannel();
      channel.confirmSelect();
      channel.basicPublish("", "payments_queue", new AMQP.BasicProperties.Builder().userId("order-service").build(),
          "a forged charge".getBytes(StandardCharsets.UTF_8));
      assertThatThrownBy(() -> channel.waitForConfirmsOrDie(5_000)).hasStackTraceContaining("PRECONDITION_FAILED")
          .hasStackTraceContaining("user_id property set to 'order-service' but authenticated user was 'api-gateway'");
    }
    try (Connection order = connect("order-service"); Channel channel = order.createChannel()) {
      channel.confirmSelect();
      channel.basicPublish("", "payments_queue", new AMQP.BasicProperties.Builder().userId("order-service").build(),
          "a charge".getBytes(StandardCharsets.UTF_8));
      channel.waitForConfirmsOrDie(5_000);
    }
    try (Connection payment = connect("payment-service"); Channel channel = payment.createChannel()) {
      GetResponse taken = channel.basicGet("payments_queue", true);
      assertThat(new String(taken.getBody(), StandardCharsets.UTF_8)).isEqualTo("a charge");
      assertThat(taken.getProps().getUserId()).isEqualTo("order-service");
      assertThat(channel.basicGet("payments_queue", true)).as("the forged one never arrived").isNull();
    }
  }

  @Test
  void mathServiceCannotMakeThePaymentQueue() throws Exception {
    try (Connection math = connect("math-service")) {
      Channel channel = math.createChannel();
      assertThatThrownBy(() -> channel.queueDeclare("payments_queue.dlq", true, false, false, null)).hasStackTraceContaining("ACCESS_REFUSED");
    }
  }

  @AfterAll
  static void stop() {
    RABBITMQ.kill();
  }

  private static Connection connect(String user) throws Exception {
    ConnectionFactory factory = new ConnectionFactory();
    factory.setHost("127.0.0.1");
    factory.setPort(RABBITMQ.port());
    factory.setUsername(user);
    factory.setPassword(ACCESS.password(user));
    return factory.newConnection();
  }

}
