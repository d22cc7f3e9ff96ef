package org.acme.math;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.List;
import org.acme.contracts.math.MathPatterns;
import org.acme.transport.client.DeadlineExceededException;
import org.acme.transport.client.NestClient;
import org.acme.transport.client.NestClients;
import org.acme.transport.testing.FreePorts;
import org.acme.transport.testing.SharedBrokers;
import org.junit.jupiter.api.Test;

/** The catalogue over RabbitMQ: the pattern travels in the body, so an unknown one gets Nest's no-handler error. */
@QuarkusTest
@QuarkusTestResource(FreePorts.class)
@QuarkusTestResource(UniqueBrokerNames.class)
class MathRmqTests extends MathContract {

  private static final String NOBODY_CONSUMES = "nobody_consumes.math-tests";
  private final NestClients clients;

  MathRmqTests(NestClients clients) {
    this.clients = clients;
  }

  @Override
  protected NestClient client() {
    return clients.get("math-rmq");
  }

  @Override
  protected String transport() {
    return "rmq";
  }

  @Test
  void anyKeyOrderReachesTheSameHandler() {
    assertThat(client().send("{\"role\":\"math\",\"cmd\":\"sum\"}", List.of(2, 3), JsonNode.class).await().atMost(WAIT).asInt()).isEqualTo(5);
    assertThat(client().send("{\"cmd\":\"sum\",\"role\":\"math\"}", List.of(2, 4), JsonNode.class).await().atMost(WAIT).asInt()).isEqualTo(6);
  }

  @Test
  void unknownPatternGetsTheNoHandlerError() {
    assertNoHandlerReply("{\"cmd\":\"nope\"}");
  }

  @Test
  void aRequestNobodyTakesWithinItsDeadlineExpiresInTheQueue() throws Exception {
    try (Connection connection = SharedBrokers.rabbit(); Channel channel = connection.createChannel()) {
      channel.queueDeclare(NOBODY_CONSUMES, true, false, false, null);
      channel.queuePurge(NOBODY_CONSUMES);
      NestClient unanswered = clients.get("rmq-nobody-consumes");
      assertThatThrownBy(() -> unanswered.send(MathPatterns.SUM, List.of(1, 2), Integer.class).await().atMost(WAIT))
          .isInstanceOf(DeadlineExceededException.class);
      // its caller gave up, so the broker drops it instead of handing it to a consumer that comes later
      await().atMost(Duration.ofSeconds(5)).until(() -> channel.messageCount(NOBODY_CONSUMES) == 0);
      channel.queueDelete(NOBODY_CONSUMES);
    }
  }
}
