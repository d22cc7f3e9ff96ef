package org.acme.math;

import static org.awaitility.Awaitility.await;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.acme.contracts.math.MathPatterns;
import org.acme.transport.client.NestClients;
import org.acme.transport.testing.FreePorts;
import org.junit.jupiter.api.Test;

/**
 * math-service keeps the newest user ids per transport: an event whose id is over its size (128 characters) is not
 * kept, so a thousand events of a megabyte each cannot make that memory a gigabyte.
 */
@QuarkusTest
@QuarkusTestResource(FreePorts.class)
class UserEventsBoundTests {

  private static final Duration WAIT = Duration.ofSeconds(10);
  private final NestClients clients;

  UserEventsBoundTests(NestClients clients) {
    this.clients = clients;
  }

  @Test
  void anOversizedUserIdIsNotKept() {
    String oversized = "big-" + "x".repeat(125);
    String fine = "user-" + UUID.randomUUID();
    clients.get("math-tcp").emit(MathPatterns.USER_CREATED, Map.of("userId", oversized, "email", "ada@example.com")).await().atMost(WAIT);
    clients.get("math-tcp").emit(MathPatterns.USER_CREATED, Map.of("userId", fine, "email", "ada@example.com")).await().atMost(WAIT);
    await().atMost(WAIT).until(() -> usersSeen().contains(fine));
    // and still not kept a second later: events may be handled side by side, so the refusal may come after
    await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3)).until(() -> !usersSeen().contains("big-"));
  }

  private String usersSeen() {
    return clients.get("math-tcp").send(MathPatterns.USERS_SEEN, Map.of(), Object.class).await().atMost(WAIT).toString();
  }
}
