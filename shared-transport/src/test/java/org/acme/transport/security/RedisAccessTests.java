package org.acme.transport.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
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
 * Redis with the committed ACL users ({@code scripts/access/redis.acl}): each service reads and writes only its own
 * keys, the transports' services only channels, nobody but the operator flushes, and the default user is off.
 */
class RedisAccessTests {

  static final AccessPolicies ACCESS = new AccessPolicies();
  static final BrokerProcess REDIS = start();

  @Test
  void eachServiceKeepsToItsOwnKeys() {
    assertThat(as("payment-service", "SET", "payment:pay-1", "charged")).isEqualTo("OK");
    assertThat(as("order-service", "SET", "orders:ord-1", "PENDING")).isEqualTo("OK");
    assertThat(as("inventory-service", "SET", "inventory:widget", "100")).isEqualTo("OK");

    assertThat(as("payment-service", "SET", "orders:ord-1", "PAID")).contains("NOPERM");
    assertThat(as("order-service", "GET", "payment:pay-1")).contains("NOPERM");
    assertThat(as("order-service", "SET", "inventory:widget", "1000")).contains("NOPERM");
    assertThat(as("api-gateway", "SET", "orders:ord-1", "CONFIRMED")).contains("NOPERM");
    assertThat(as("math-service", "GET", "inventory:widget")).contains("NOPERM");
    assertThat(as("admin", "GET", "orders:ord-1")).isEqualTo("PENDING");
  }

  @Test
  void theTransportsStillFlowAndNobodyButTheOperatorFlushes() {
    assertThat(as("api-gateway", "PUBLISH", "{\"cmd\":\"sum\"}", "[1,2]")).isEqualTo("0");
    assertThat(as("math-service", "PUBLISH", "{\"cmd\":\"sum\"}.reply", "3")).isEqualTo("0");
    assertThat(as("order-service", "INFO", "memory")).contains("used_memory:");
    for (String service : List.of("api-gateway", "math-service", "order-service", "payment-service", "inventory-service")) {
      assertThat(as(service, "FLUSHALL")).as(service).contains("NOPERM");
    }
    assertThat(anonymous("GET", "orders:ord-1")).contains("NOAUTH");
  }

  @AfterAll
  static void stop() {
    REDIS.kill();
  }

  private static String as(String user, String... command) {
    List<String> args = new ArrayList<>(List.of("redis-cli", "-h", "127.0.0.1", "-p", String.valueOf(REDIS.port()), "--user", user,
        "--pass", ACCESS.password(user), "--no-auth-warning"));
    args.addAll(List.of(command));
    return Commands.attempt(args).output().strip();
  }

  private static String anonymous(String... command) {
    List<String> args = new ArrayList<>(List.of("redis-cli", "-h", "127.0.0.1", "-p", String.valueOf(REDIS.port())));
    args.addAll(List.of(command));
    return Commands.attempt(args).output().strip();
  }

  private static BrokerProcess start() {
    try {
      Path users = Path.of("target").toAbsolutePath().resolve("redis-access-" + UUID.randomUUID() + ".conf");
      Files.writeString(users, ACCESS.render("redis.acl"));
      return BrokerProcess.redis("--include", users.toString()).start();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
