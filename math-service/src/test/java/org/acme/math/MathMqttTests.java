package org.acme.math;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.Map;
import org.acme.transport.client.DeadlineExceededException;
import org.acme.transport.client.NestClient;
import org.acme.transport.client.NestClients;
import org.acme.transport.testing.FreePorts;
import org.junit.jupiter.api.Test;

/** The catalogue over MQTT, the topic being the route, at QoS 1. */
@QuarkusTest
@QuarkusTestResource(FreePorts.class)
class MathMqttTests extends MathContract {

  private final NestClients clients;

  MathMqttTests(NestClients clients) {
    this.clients = clients;
  }

  @Override
  protected NestClient client() {
    return clients.get("math-mqtt");
  }

  @Override
  protected String transport() {
    return "mqtt";
  }

  /** MQTT cannot tell a topic nobody serves from a slow server: the request fails by its deadline (wire doc §13). */
  @Test
  void unknownPatternFailsByItsDeadline() {
    assertThatThrownBy(() -> client().send("{\"cmd\":\"nope\"}", Map.of(), Object.class).await().atMost(WAIT))
        .isInstanceOf(DeadlineExceededException.class);
  }

  @Test
  void theTwoKeyPatternReachesTheSameHandler() {
    assertThat(client().send("{\"role\":\"math\",\"cmd\":\"sum\"}", List.of(2, 3), Integer.class).await().atMost(WAIT)).isEqualTo(5);
  }
}
