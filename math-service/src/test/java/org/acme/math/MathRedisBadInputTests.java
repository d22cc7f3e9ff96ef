package org.acme.math;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.pubsub.PubSubCommands;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.Map;
import org.acme.contracts.math.MathPatterns;
import org.acme.transport.client.NestClients;
import org.acme.transport.client.NoResponderException;
import org.acme.transport.redis.RedisServer;
import org.acme.transport.testing.FreePorts;
import org.junit.jupiter.api.Test;

/** Bad input on Redis, published raw with the Quarkus Redis client on the {@code multiply} channel. */
@QuarkusTest
@QuarkusTestResource(FreePorts.class)
class MathRedisBadInputTests extends ChannelBadInputContract {

  private final RedisDataSource redis;
  private PubSubCommands.RedisSubscriber subscriber;

  MathRedisBadInputTests(NestClients clients, RedisDataSource redis) {
    super(clients);
    this.redis = redis;
  }

  @Override
  protected String transport() {
    return "redis";
  }

  @Override
  protected String logPrefix() {
    return "Redis channel multiply";
  }

  @Override
  protected Class<?> server() {
    return RedisServer.class;
  }

  @Override
  protected void listenForReplies() {
    subscriber = redis.pubsub(String.class).subscribe("multiply.reply", replies::add);
  }

  @Override
  protected void stopListening() {
    subscriber.unsubscribe();
  }

  @Override
  protected void publish(byte[] body) {
    redis.pubsub(byte[].class).publish(MathPatterns.MULTIPLY, body);
  }

  /** PUBLISH says how many heard it: nobody on an unknown pattern fails the request at once. */
  @Test
  void anUnknownPatternFailsAtOnce() {
    assertThatThrownBy(() -> clients.get("math-redis").send("{\"cmd\":\"nope\"}", Map.of(), Object.class).await().atMost(WAIT))
        .isInstanceOf(NoResponderException.class);
  }
}
