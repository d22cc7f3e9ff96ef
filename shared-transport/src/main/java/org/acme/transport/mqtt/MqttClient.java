package org.acme.transport.mqtt;

import com.fasterxml.jackson.databind.JsonNode;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import org.acme.transport.Transport;
import org.acme.transport.client.Deadline;
import org.acme.transport.client.MessageOptions;
import org.acme.transport.client.NestClient;
import org.acme.transport.client.RequestIds;
import org.acme.transport.codec.NestCodec;
import org.acme.transport.codec.PatternRoutes;
import org.acme.transport.config.ClientsConfig;

/**
 * Nest's {@code ClientMqtt}: requests published on the route's topic as {@code {pattern,data,id}}, replies read
 * from {@code <route>/reply}. Requests and the reply subscription use the client's {@code qos} (default 1). A
 * pattern nobody serves cannot be told apart from a slow one on MQTT, so it fails by the deadline.
 */
final class MqttClient implements NestClient {

  private final MqttLink link;
  private final MqttReplies replies;
  private final ClientsConfig.Client config;

  MqttClient(MqttLink link, MqttReplies replies, ClientsConfig.Client config) {
    this.link = link;
    this.replies = replies;
    this.config = config;
  }

  @Override
  public String transport() {
    return Transport.MQTT.tag();
  }

  /**
   * Metadata travels as Nest 12's MQTT client writes it, in the packet's {@code metadata} field: MQTT 3.1.1 has no
   * headers (and Nest speaks 3.1.1 unless told otherwise). The options' QoS applies to the request; a request is never
   * retained.
   */
  @Override
  public Multi<JsonNode> stream(String pattern, Object data, MessageOptions given) {
    Deadline deadline = Deadline.of(given, config.timeout());
    MessageOptions options = deadline.stamp(given);
    if (Boolean.TRUE.equals(options.mqtt().retain())) {
      return Multi.createFrom().failure(new IllegalArgumentException(
          "an MQTT request cannot be retained: every server that subscribes later would handle it again; retain events only"));
    }
    String route = PatternRoutes.route(pattern);
    JsonNode body = NestCodec.json().valueToTree(data);
    int qos = qos(options);
    return replies.pending().request(RequestIds.next(), pattern, deadline.remaining(), id -> replies.listen(route + "/reply", config.qos())
        .chain(() -> link.publish(route, NestCodec.writeRequest(PatternRoutes.asJson(pattern), body, options.metadata(), id), qos, false))
        .subscribe().with(ok -> {
        }, failure -> replies.pending().fail(id, failure)));
  }

  @Override
  public Uni<Void> emit(String pattern, Object data, MessageOptions options) {
    String packet = NestCodec.writeRequest(PatternRoutes.asJson(pattern), NestCodec.json().valueToTree(data), options.metadata(), null);
    return link.publish(PatternRoutes.route(pattern), packet, qos(options), Boolean.TRUE.equals(options.mqtt().retain()));
  }

  private int qos(MessageOptions options) {
    return options.mqtt().qos() == null ? config.qos() : options.mqtt().qos();
  }
}
