package org.acme.transport.codec;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/**
 * What arrived on a channel-routed transport (Redis channel, MQTT topic, NATS subject), where the route is the channel and the
 * body should be Nest's {@code {pattern,data,id}}. Nest's deserializer turns anything else into an event with the
 * raw body as data, so a malformed request silently runs a handler and never gets a reply; this reading keeps the
 * cases apart so that a server can answer or log each one.
 */
public sealed interface ChannelMessage {

  /** A request: it has an id and the envelope; metadata as its packet carried it (checked). */
  record Request(JsonNode id, JsonNode data, Map<String, String> metadata) implements ChannelMessage {
  }

  /** An event: the envelope without an id, or (enveloped false) bare JSON from a foreign publisher. */
  record Event(JsonNode data, boolean enveloped, Map<String, String> metadata) implements ChannelMessage {
  }

  /** It has an id, so its sender waits for a reply, but no pattern or no data, or metadata that breaks the rules. */
  record BadRequest(JsonNode id, String reason) implements ChannelMessage {
  }

  /** Not JSON at all, or an event whose metadata breaks the rules: there is no id to answer by. */
  record Unreadable(String reason) implements ChannelMessage {
  }

  static ChannelMessage read(String text, MessageMetadata.Limits limits) {
    JsonNode body;
    try {
      body = NestCodec.parse(text == null ? "" : text);
    } catch (MalformedPacketException e) {
      return new Unreadable(e.getMessage());
    }
    JsonNode id = body.isObject() ? body.get("id") : null;
    boolean request = id != null && !id.isNull();
    boolean enveloped = body.isObject() && body.has("pattern") && body.has("data");
    if (request && !enveloped) {
      return new BadRequest(id, "a request must be {pattern, data, id}; this one has no " + (body.has("pattern") ? "data" : "pattern"));
    }
    Map<String, String> metadata;
    try {
      metadata = enveloped ? MessageMetadata.fromJson(body.get("metadata"), limits) : Map.of();
    } catch (InvalidMetadataException e) {
      return request ? new BadRequest(id, e.getMessage()) : new Unreadable(e.getMessage());
    }
    return request ? new Request(id, body.get("data"), metadata) : new Event(enveloped ? body.get("data") : body, enveloped, metadata);
  }
}
