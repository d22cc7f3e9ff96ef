package org.acme.transport.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.acme.transport.testing.AccessPolicies;
import org.acme.transport.testing.BrokerProcess;
import org.acme.transport.testing.Commands;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Mosquitto with the committed ACL ({@code scripts/access/mosquitto.acl}) and a user per service: only order-service
 * may publish an order's status. Statuses are retained, so what a publish left behind shows whether the broker took it
 * (MQTT 3.1.1 has no way to tell a publisher no: Mosquitto drops a refused publish in silence).
 */
class MosquittoAccessTests {

  static final AccessPolicies ACCESS = new AccessPolicies();
  static final BrokerProcess MOSQUITTO = start();

  @Test
  void onlyOrderServicePublishesOrderStatuses() {
    for (String forger : List.of("api-gateway", "math-service", "payment-service")) {
      String topic = "orders/ord-" + UUID.randomUUID() + "/status";
      publish(forger, topic, "{\"status\":\"PAID\"}");
      assertThat(retained("admin", topic)).as("%s's status was taken", forger).isNull();
    }
    String topic = "orders/ord-" + UUID.randomUUID() + "/status";
    publish("order-service", topic, "{\"status\":\"CONFIRMED\"}");
    assertThat(retained("admin", topic)).isEqualTo("{\"status\":\"CONFIRMED\"}");
    assertThat(retained("api-gateway", topic)).as("the gateway follows statuses").isEqualTo("{\"status\":\"CONFIRMED\"}");
  }

  /** What each service needs still works: the gateway asks math on a pattern's topic and reads its reply topic. */
  @Test
  void mathStillFlowsBetweenTheGatewayAndMathService() {
    String pattern = "{\"cmd\":\"sum-" + UUID.randomUUID() + "\"}";
    publish("api-gateway", pattern, "[1,2,3]");
    assertThat(retained("math-service", pattern)).isEqualTo("[1,2,3]");
    publish("math-service", pattern + "/reply", "6");
    assertThat(retained("api-gateway", pattern + "/reply")).isEqualTo("6");
    publish("math-service", pattern, "not a reply");
    assertThat(retained("admin", pattern)).as("math-service may only answer").isEqualTo("[1,2,3]");
  }

  @AfterAll
  static void stop() {
    MOSQUITTO.kill();
  }

  private static void publish(String user, String topic, String payload) {
    Commands.run(client("mosquitto_pub", user, topic, "-r", "-q", "1", "-m", payload));
  }

  /** The topic's retained message as the user sees it, or null when there is none (mosquitto_sub gives up after 2 s). */
  private static String retained(String user, String topic) {
    Commands.Outcome outcome = Commands.attempt(client("mosquitto_sub", user, topic, "-C", "1", "-W", "2"));
    return outcome.exitValue() == 0 ? outcome.output().strip() : null;
  }

  private static List<String> client(String tool, String user, String topic, String... more) {
    List<String> command = new ArrayList<>(List.of(tool, "-h", "127.0.0.1", "-p", String.valueOf(MOSQUITTO.port()),
        "-u", user, "-P", ACCESS.password(user), "-t", topic));
    command.addAll(List.of(more));
    return command;
  }

  private static BrokerProcess start() {
    Path passwords = Path.of("target").toAbsolutePath().resolve("mosquitto-access-" + UUID.randomUUID() + ".passwd");
    Commands.run("touch", passwords.toString());
    AccessPolicies.USERS.forEach(user -> Commands.run("mosquitto_passwd", "-b", passwords.toString(), user, ACCESS.password(user)));
    return BrokerProcess.mosquittoConfigured("""
        allow_anonymous false
        password_file %s
        acl_file %s""".formatted(passwords, AccessPolicies.file("mosquitto.acl"))).start();
  }
}
