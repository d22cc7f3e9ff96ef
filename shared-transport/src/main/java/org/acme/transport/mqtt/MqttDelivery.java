package org.acme.transport.mqtt;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.mqtt.messages.MqttPublishMessage;
import java.util.HashMap;
import java.util.Map;
import org.acme.transport.Transport;
import org.acme.transport.codec.NestCodec;
import org.acme.transport.codec.OutgoingPacket;
import org.acme.transport.handler.ChannelDelivery;
import org.acme.transport.handler.MessageContext;

/**
 * A message on an MQTT topic, for the dispatch: replies go to {@code <topic>/reply}, which every client shares, so
 * only the id finds the sender; they go at the QoS the request arrived with (the broker gave it to us at the lower of
 * its sender's and our subscription's); metadata travels only in the packet.
 *
 * @param route the topic, or the wildcard filter that matched it
 */
record MqttDelivery(String route, MqttPublishMessage message, MqttLink link) implements ChannelDelivery {

  @Override
  public String label() {
    return "MQTT topic " + message.topicName();
  }

  /** The topic, QoS and retain flag, and a request's id (for its span). */
  @Override
  public MessageContext context(Map<String, String> metadata, JsonNode id) {
    Map<String, Object> details = new HashMap<>(Map.of("topic", message.topicName(), "qos", message.qosLevel().value(), "retain", message.isRetain()));
    if (id != null) {
      details.put("id", id.asText());
    }
    return new MessageContext(message.topicName(), Transport.MQTT.tag(), metadata, details, message);
  }

  @Override
  public void replyNow(OutgoingPacket packet, JsonNode id) {
    link.send(replyTopic(), NestCodec.writeReply(packet, id), message.qosLevel().value(), false, written -> {
      if (written.failed()) {
        Log.warnf("MQTT topic %s: reply to %s failed: %s", message.topicName(), id, written.cause().toString());
      }
    });
  }

  @Override
  public Uni<Void> reply(OutgoingPacket packet, JsonNode id) {
    return link.publish(replyTopic(), NestCodec.writeReply(packet, id), message.qosLevel().value(), false);
  }

  private String replyTopic() {
    return message.topicName() + "/reply";
  }
}
