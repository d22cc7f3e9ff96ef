package org.acme.transport.codec;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/**
 * A decoded {@code {pattern,data,id}} request or {@code {pattern,data}} event. As in Nest, a body is a request
 * if and only if it carries an {@code id}; the id is opaque and echoed as it came.
 *
 * @param pattern the pattern as it travelled (an object, a string, or for channel-routed transports the channel)
 * @param data the payload; a JSON null node when absent
 * @param id the request id, or null for an event
 * @param metadata the packet's {@code metadata} (Nest 12), checked; empty when it has none
 */
public record IncomingPacket(JsonNode pattern, JsonNode data, JsonNode id, Map<String, String> metadata) {

  public boolean isRequest() {
    return id != null && !id.isNull() && !id.isMissingNode();
  }

  /** The normalised route of this packet's pattern. */
  public String route() {
    return PatternRoutes.route(pattern);
  }
}
