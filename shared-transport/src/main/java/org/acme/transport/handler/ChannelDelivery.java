package org.acme.transport.handler;

import com.fasterxml.jackson.databind.JsonNode;
import io.smallrye.mutiny.Uni;
import java.util.Map;
import org.acme.transport.codec.InvalidMetadataException;
import org.acme.transport.codec.OutgoingPacket;

/**
 * One message as a channel transport (Redis, MQTT, NATS) delivered it: the seam between {@link ChannelDispatch}, which
 * decides what the message gets, and the transport, which knows where it came from and how a reply goes back. Each
 * transport's server implements it per message; its own checks (size, where a reply may go) come before.
 */
public interface ChannelDelivery {

  /** Where a reply to this message can go: what decides whether a message without an id can be told anything. */
  enum Reach {
    /** A reply channel every sender shares (Redis {@code <channel>.reply}, MQTT {@code <topic>/reply}): only an id finds the sender. */
    BY_ID,
    /** An address of the sender's own (a NATS reply subject): a message without an id can be answered too. */
    SENDER,
    /** Nowhere (NATS without a reply subject): a request still runs, as in Nest, and its reply is dropped. */
    NOWHERE
  }

  /** The handler route: the channel, topic or subject, or the wildcard pattern it was subscribed under. */
  String route();

  /** How log lines name where the message came from: "Redis channel multiply", "NATS orders.created". */
  String label();

  /** Where a reply can go; by default a shared reply channel, where only the id finds the sender (Redis, MQTT). */
  default Reach reach() {
    return Reach.BY_ID;
  }

  /**
   * The transport's own metadata (NATS headers), checked like a packet's, merged under the packet's; empty where only
   * the packet carries metadata (Redis, MQTT).
   *
   * @throws InvalidMetadataException when it breaks the rules: the message is then refused like bad packet metadata
   */
  default Map<String, String> metadata() {
    return Map.of();
  }

  /** The handler's context: the transport's facts, the merged metadata and a request's id (null for an event). */
  MessageContext context(Map<String, String> metadata, JsonNode id);

  /** Sends one reply without waiting for it (a request's only answer, an error); a failure is logged, not returned. */
  void replyNow(OutgoingPacket packet, JsonNode id);

  /** Sends one packet of a stream; the next is sent when this completes, so that they arrive in order. */
  Uni<?> reply(OutgoingPacket packet, JsonNode id);
}
