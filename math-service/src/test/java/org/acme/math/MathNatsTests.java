package org.acme.math;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.Map;
import org.acme.transport.client.NestClient;
import org.acme.transport.client.NestClients;
import org.acme.transport.client.NoResponderException;
import org.acme.transport.testing.FreePorts;
import org.junit.jupiter.api.Test;

/** The catalogue over NATS: subjects are the routes, the server answers in a queue group. */
@QuarkusTest
@QuarkusTestResource(FreePorts.class)
@QuarkusTestResource(UniqueBrokerNames.class)
class MathNatsTests extends MathContract {

  private final NestClients clients;

  MathNatsTests(NestClients clients) {
    this.clients = clients;
  }

  @Override
  protected NestClient client() {
    return clients.get("math-nats");
  }

  @Override
  protected String transport() {
    return "nats";
  }

  @Test
  void theTwoKeyPatternReachesTheSameHandler() {
    assertThat(client().send("{\"role\":\"math\",\"cmd\":\"sum\"}", java.util.List.of(2, 3), JsonNode.class).await().atMost(WAIT).asInt())
        .isEqualTo(5);
  }

  /** Nobody subscribes to an unknown subject: the broker says so at once, long before the deadline. */
  @Test
  void unknownPatternFailsAtOnceWithNoResponders() {
    long started = System.nanoTime();
    assertThatThrownBy(() -> client().send("{\"cmd\":\"nope\"}", Map.of(), JsonNode.class).await().atMost(WAIT))
        .isInstanceOf(NoResponderException.class)
        .hasMessageContaining("{\"cmd\":\"nope\"}");
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(1));
  }
}
