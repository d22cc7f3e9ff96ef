package org.acme.transport.codec;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One reply packet: a value ({@code response}), an error ({@code err}), or only the end of a stream. The last
 * packet of a reply carries {@code isDisposed}. {@code status} is set only on Nest's "no handler" reply.
 */
public record OutgoingPacket(JsonNode response, JsonNode err, boolean disposed, String status) {

  public static OutgoingPacket value(JsonNode response, boolean last) {
    return new OutgoingPacket(response, null, last, null);
  }

  public static OutgoingPacket end() {
    return new OutgoingPacket(null, null, true, null);
  }

  public static OutgoingPacket error(JsonNode err) {
    return new OutgoingPacket(null, err, true, null);
  }

  /** An error in Nest's typed shape. */
  public static OutgoingPacket error(NestError err) {
    return error(NestCodec.json().<JsonNode>valueToTree(err));
  }

  public static OutgoingPacket noHandler(JsonNode err) {
    return new OutgoingPacket(null, err, true, "error");
  }

  public boolean isError() {
    return err != null;
  }
}
