package org.acme.transport.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.nats.client.Connection;
import io.nats.client.ErrorListener;
import io.nats.client.Message;
import io.nats.client.Nats;
import io.nats.client.Options;
import io.nats.client.Subscription;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.acme.transport.testing.AccessPolicies;
import org.acme.transport.testing.BrokerProcess;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * NATS with the committed policy ({@code scripts/access/nats.conf}), one user per service: the saga's stock commands
 * go from order-service to inventory-service only. Anyone else's publish is refused by the server ("Permissions
 * Violation") and never reaches inventory-service; math-service cannot take the commands; replies still flow.
 */
class NatsAccessTests {

  static final AccessPolicies ACCESS = new AccessPolicies();
  // nats-server takes an include relative to the including file, which the test kit writes to target/
  static final BrokerProcess NATS = BrokerProcess.natsConfigured("include \""
      + java.nio.file.Path.of("target").toAbsolutePath().relativize(AccessPolicies.file("nats.conf")) + "\"")
      .environment(ACCESS.environment()).start();
  static final Duration QUIET = Duration.ofSeconds(1);

  @Test
  void onlyOrderServiceMovesStock() throws Exception {
    List<String> gatewayErrors = new CopyOnWriteArrayList<>();
    try (Connection inventory = connect("inventory-service", new CopyOnWriteArrayList<>());
        Connection gateway = connect("api-gateway", gatewayErrors);
        Connection order = connect("order-service", new CopyOnWriteArrayList<>())) {
      Subscription commands = inventory.subscribe("cancel_reservation", "inventory-service");
      inventory.flush(Duration.ofSeconds(2));

      gateway.publish("cancel_reservation", "{\"data\":{\"reservationId\":\"res-1\"}}".getBytes(StandardCharsets.UTF_8));
      gateway.flush(Duration.ofSeconds(2));
      assertThat(commands.nextMessage(QUIET)).as("the gateway's cancel reached inventory-service").isNull();
      await().atMost(Duration.ofSeconds(5)).until(() -> gatewayErrors.stream()
          .anyMatch(error -> error.contains("Permissions Violation for Publish to \"cancel_reservation\"")));

      order.publish("cancel_reservation", "from the saga".getBytes(StandardCharsets.UTF_8));
      Message taken = commands.nextMessage(Duration.ofSeconds(5));
      assertThat(taken).isNotNull();
      assertThat(new String(taken.getData(), StandardCharsets.UTF_8)).isEqualTo("from the saga");
    }
  }

  @Test
  void mathServiceCannotTakeTheStockCommands() throws Exception {
    List<String> mathErrors = new CopyOnWriteArrayList<>();
    try (Connection math = connect("math-service", mathErrors); Connection order = connect("order-service", new CopyOnWriteArrayList<>())) {
      Subscription stolen = math.subscribe("reserve_items");
      math.flush(Duration.ofSeconds(2));
      order.publish("reserve_items", "an order's items".getBytes(StandardCharsets.UTF_8));
      assertThat(stolen.nextMessage(QUIET)).isNull();
      await().atMost(Duration.ofSeconds(5)).until(() -> mathErrors.stream()
          .anyMatch(error -> error.contains("Permissions Violation for Subscription to \"reserve_items\"")));
    }
  }

  /** What each service needs still works: requests with their replies on the caller's inbox. */
  @Test
  void eachServiceStillGetsItsAnswers() throws Exception {
    try (Connection inventory = connect("inventory-service", new CopyOnWriteArrayList<>());
        Connection math = connect("math-service", new CopyOnWriteArrayList<>());
        Connection gateway = connect("api-gateway", new CopyOnWriteArrayList<>());
        Connection order = connect("order-service", new CopyOnWriteArrayList<>())) {
      inventory.createDispatcher(message -> inventory.publish(message.getReplyTo(), "stock".getBytes(StandardCharsets.UTF_8)))
          .subscribe("get_stock", "inventory-service");
      math.createDispatcher(message -> math.publish(message.getReplyTo(), "6".getBytes(StandardCharsets.UTF_8)))
          .subscribe("{\"cmd\":\"sum\"}", "math-service");
      inventory.flush(Duration.ofSeconds(2));
      math.flush(Duration.ofSeconds(2));

      assertThat(answer(order.request("get_stock", new byte[0], Duration.ofSeconds(5)))).isEqualTo("stock");
      assertThat(answer(gateway.request("get_stock", new byte[0], Duration.ofSeconds(5)))).isEqualTo("stock");
      assertThat(answer(gateway.request("{\"cmd\":\"sum\"}", new byte[0], Duration.ofSeconds(5)))).isEqualTo("6");
    }
  }

  @AfterAll
  static void stop() {
    NATS.kill();
  }

  private static String answer(Message reply) {
    assertThat(reply).isNotNull();
    return new String(reply.getData(), StandardCharsets.UTF_8);
  }

  private static Connection connect(String user, List<String> errors) throws Exception {
    return Nats.connect(new Options.Builder().server("nats://127.0.0.1:" + NATS.port()).userInfo(user, ACCESS.password(user))
        .errorListener(new ErrorListener() {
          @Override
          public void errorOccurred(Connection connection, String error) {
            errors.add(error);
          }
        }).build());
  }
}
