package org.acme.math;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.Map;
import org.acme.transport.client.NestClient;
import org.acme.transport.client.NestClients;
import org.acme.transport.client.NoResponderException;
import org.acme.transport.testing.FreePorts;
import org.junit.jupiter.api.Test;

/** The catalogue over Redis pub/sub, the channel being the route. */
@QuarkusTest
@QuarkusTestResource(FreePorts.class)
class MathRedisTests extends MathContract {

  private final NestClients clients;

  MathRedisTests(NestClients clients) {
    this.clients = clients;
  }

  @Override
  protected NestClient client() {
    return clients.get("math-redis");
  }

  @Override
  protected String transport() {
    return "redis";
  }

  /** Nobody subscribes to an unknown route's channel; PUBLISH says so, and the request fails at once, not by its deadline. */
  @Test
  void unknownPatternFailsAtOnceForWantOfSubscribers() {
    long started = System.nanoTime();
    assertThatThrownBy(() -> client().send("{\"cmd\":\"nope\"}", Map.of(), Object.class).await().atMost(WAIT))
        .isInstanceOf(NoResponderException.class);
    org.assertj.core.api.Assertions.assertThat(System.nanoTime() - started).isLessThan(1_000_000_000L);
  }

  @Test
  void anEventNobodyReceivesIsReportedLost() {
    assertThatThrownBy(() -> client().emit("nobody_listens_" + System.nanoTime(), Map.of()).await().atMost(WAIT))
        .isInstanceOf(NoResponderException.class);
  }

  @Test
  void theTwoKeyPatternReachesTheSameHandler() {
    org.assertj.core.api.Assertions.assertThat(client().send("{\"role\":\"math\",\"cmd\":\"sum\"}", java.util.List.of(2, 3), Integer.class)
        .await().atMost(WAIT)).isEqualTo(5);
  }

  /**
   * A long stream arrives in the order it was made: its values are PUBLISHed on the server's one dedicated connection,
   * one after the other (RedisPublisher); through the shared pool, a burst of them could take several connections.
   */
  @Test
  void aLongStreamArrivesInOrder() {
    java.util.List<Integer> values = client().stream(catalogue().count(), Map.of("to", 300)).map(com.fasterxml.jackson.databind.JsonNode::asInt)
        .collect().asList().await().atMost(WAIT);
    org.assertj.core.api.Assertions.assertThat(values).isEqualTo(java.util.stream.IntStream.rangeClosed(1, 300).boxed().toList());
  }
}
