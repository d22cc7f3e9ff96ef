package org.acme.transport.tracing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Trace context in a plain JSON message that is no Nest packet (an order's status on MQTT, read by whoever
 * subscribes): the W3C entries in a {@code metadata} object beside the message's own fields, where a Nest 12 packet
 * keeps its metadata too. A reader that does not look for it sees one field more; without a trace there is none.
 */
public final class TracedPayload {

  static final String FIELD = "metadata";

  private TracedPayload() {
  }

  /** The message as JSON, with the trace context's entries when there are any. */
  public static String write(ObjectMapper json, Object message, Map<String, String> entries) {
    try {
      if (entries.isEmpty()) {
        return json.writeValueAsString(message);
      }
      ObjectNode node = json.valueToTree(message);
      node.set(FIELD, json.valueToTree(entries));
      return json.writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The trace context's entries the message carries (empty if none), taken out of it: what is left is the message. */
  public static Map<String, String> take(JsonNode message) {
    Map<String, String> entries = new LinkedHashMap<>();
    if (message instanceof ObjectNode object && object.remove(FIELD) instanceof ObjectNode metadata) {
      metadata.properties().forEach(entry -> {
        if (entry.getValue().isTextual() && TraceCarrier.KEYS.contains(entry.getKey())) {
          entries.put(entry.getKey(), entry.getValue().asText());
        }
      });
    }
    return entries;
  }
}
