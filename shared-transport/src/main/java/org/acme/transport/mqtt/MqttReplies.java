package org.acme.transport.mqtt;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.mqtt.messages.MqttPublishMessage;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.acme.transport.Transport;
import org.acme.transport.client.PendingReplies;
import org.acme.transport.codec.MalformedPacketException;
import org.acme.transport.codec.NestCodec;

/**
 * The reply topics of every MQTT client in this service, on the one shared MQTT connection. A topic is subscribed
 * the first time a client uses its route and kept from then on: Nest drops the subscription when its last
 * request ends, and a burst of concurrent first requests then loses replies. Replies are matched to requests by
 * the body's id; other clients' replies on the same topic are dropped.
 */
@Singleton
class MqttReplies {

  private final MqttLink link;
  private final PendingReplies pending = new PendingReplies(Transport.MQTT);
  private final Map<String, Uni<Void>> topics = new ConcurrentHashMap<>();

  MqttReplies(MqttLink link) {
    this.link = link;
  }

  PendingReplies pending() {
    return pending;
  }

  /**
   * Subscribes to a reply topic once. A request published after this on the same connection reaches the broker
   * after the SUBSCRIBE, so its reply cannot overtake the subscription.
   */
  Uni<Void> listen(String topic, int qos) {
    // every concurrent first request waits for the same SUBSCRIBE to be written before it publishes
    return topics.computeIfAbsent(topic, t -> link.subscribe(t, qos, this::onReply)
        .onFailure().invoke(e -> topics.remove(t))
        .memoize().indefinitely());
  }

  private void onReply(MqttPublishMessage message) {
    JsonNode body;
    try {
      body = NestCodec.parse(message.payload().toString(StandardCharsets.UTF_8));
    } catch (MalformedPacketException e) {
      Log.warnf("MQTT client: dropping a reply on %s that is not JSON: %s", message.topicName(), e.getMessage());
      return;
    }
    JsonNode id = body.isObject() ? body.get("id") : null;
    if (id != null && !id.isNull()) {
      pending.accept(id.asText(), NestCodec.readReply(body));
    }
  }
}
