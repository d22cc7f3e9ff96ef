package org.acme.math;

import io.netty.handler.codec.mqtt.MqttQoS;
import io.vertx.mqtt.MqttClientOptions;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.mqtt.MqttClient;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.function.Consumer;
import org.acme.transport.testing.FuzzFrames;

/**
 * The fuzz on MQTT: hostile messages on every route's topic, mostly at QoS 0 (written, not waited for), some at
 * QoS 1; never retained, so nothing outlives the test on the broker. Replies are read on {@code +/reply}.
 */
final class MqttFuzzPeer implements HostilePeer {

  private final Vertx vertx;
  private final int port;
  private FuzzFrames fuzz;
  private MqttClient raw;

  MqttFuzzPeer(Vertx vertx, int port) {
    this.vertx = vertx;
    this.port = port;
  }

  @Override
  public String transport() {
    return "mqtt";
  }

  @Override
  public void open(FuzzFrames fuzz, Consumer<String> replies) {
    this.fuzz = fuzz;
    raw = MqttClient.create(vertx, new MqttClientOptions().setClientId("fuzz-" + UUID.randomUUID()).setMaxMessageSize(16 << 20)
        .setMaxInflightQueue(1024));
    raw.publishHandler(message -> replies.accept(message.payload().toString(StandardCharsets.UTF_8)));
    raw.connect(port, "127.0.0.1").await().atMost(FuzzRun.ANSWER);
    raw.subscribe("+/reply", 0).await().atMost(FuzzRun.ANSWER);
  }

  @Override
  public void sendHostile() {
    String route = fuzz.route();
    MqttQoS qos = fuzz.chance(10) ? MqttQoS.AT_LEAST_ONCE : MqttQoS.AT_MOST_ONCE;
    raw.publish(route, Buffer.buffer(fuzz.message(route)), qos, false, false).await().atMost(FuzzRun.ANSWER);
  }

  @Override
  public void close() {
    raw.disconnect().await().atMost(FuzzRun.ANSWER);
  }
}
