package org.acme.math;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.handler.codec.mqtt.MqttQoS;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mqtt.MqttClientOptions;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.mqtt.MqttClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.acme.contracts.math.MathPatterns;
import org.acme.transport.client.DeadlineExceededException;
import org.acme.transport.client.NestClients;
import org.acme.transport.mqtt.MqttServer;
import org.acme.transport.testing.FreePorts;
import org.junit.jupiter.api.Test;

/** Bad input on MQTT, published raw with a Vert.x MQTT client of the test's own on the {@code multiply} topic. */
@QuarkusTest
@QuarkusTestResource(FreePorts.class)
class MathMqttBadInputTests extends ChannelBadInputContract {

  private final Vertx vertx;
  private MqttClient raw;

  MathMqttBadInputTests(NestClients clients, Vertx vertx) {
    super(clients);
    this.vertx = vertx;
  }

  @Override
  protected String transport() {
    return "mqtt";
  }

  @Override
  protected String logPrefix() {
    return "MQTT topic multiply";
  }

  @Override
  protected Class<?> server() {
    return MqttServer.class;
  }

  @Override
  protected void listenForReplies() {
    raw = MqttClient.create(vertx, new MqttClientOptions().setClientId("bad-input-" + UUID.randomUUID()));
    raw.publishHandler(message -> replies.add(message.payload().toString(StandardCharsets.UTF_8)));
    raw.connect(1883, "127.0.0.1").await().atMost(WAIT);
    raw.subscribe("multiply/reply", 1).await().atMost(WAIT);
  }

  @Override
  protected void stopListening() {
    raw.disconnect().await().atMost(WAIT);
  }

  @Override
  protected void publish(byte[] body) {
    raw.publish(MathPatterns.MULTIPLY, Buffer.buffer(body), MqttQoS.AT_LEAST_ONCE, false, false).await().atMost(WAIT);
  }

  /** MQTT cannot say that nobody listens: an unknown pattern fails by its deadline (wire doc §13). */
  @Test
  void anUnknownPatternFailsByItsDeadline() {
    assertThatThrownBy(() -> clients.get("math-mqtt").send("{\"cmd\":\"nope\"}", Map.of(), Object.class).await().atMost(Duration.ofSeconds(10)))
        .isInstanceOf(DeadlineExceededException.class);
  }
}
