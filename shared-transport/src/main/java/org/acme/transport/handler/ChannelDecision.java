package org.acme.transport.handler;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import org.acme.transport.codec.ChannelMessage;
import org.acme.transport.codec.InvalidMetadataException;
import org.acme.transport.codec.MessageMetadata;
import org.acme.transport.handler.ChannelDelivery.Reach;

/**
 * What a message on a channel transport gets, from what it is ({@link ChannelMessage}), where a reply can reach
 * ({@link Reach}) and whether its route has an event handler. {@link ChannelDispatch} carries it out; the table is
 * apart from it so that it reads, and is tested, without a router.
 * <p>
 * Where the transports used to differ, the reach decides: a message nobody can answer by id (not JSON, bad event
 * metadata, an envelope without an id on a route with no event handler) is answered with a 400 where a reply reaches
 * its sender without one (NATS with a reply subject), else dropped with a warning (Redis, MQTT; NATS without one).
 */
public sealed interface ChannelDecision {

  /** What a sender that wanted a reply but sent no id is told on an address of its own. */
  String NOT_A_REQUEST = "not a request: a request needs the {pattern, data, id} envelope";

  /** Run the request's handler and reply; the metadata is the transport's merged with the packet's. */
  record Answer(JsonNode id, JsonNode data, Map<String, String> metadata) implements ChannelDecision {
  }

  /** Run the route's event handlers. */
  record RunEvent(JsonNode data, Map<String, String> metadata) implements ChannelDecision {
  }

  /** Answer with a 400 that says why; a null id when the sender's own address carries the reply. */
  record Reject(JsonNode id, String reason) implements ChannelDecision {
  }

  /** Nobody can be told: logged as a warning and dropped. */
  record Drop(String why) implements ChannelDecision {
  }

  static ChannelDecision decide(ChannelMessage message, ChannelDelivery delivery, boolean eventHandler, MessageMetadata.Limits limits) {
    Reach reach = delivery.reach();
    return switch (message) {
      case ChannelMessage.Request request -> {
        try {
          yield new Answer(request.id(), request.data(), MessageMetadata.merge(delivery.metadata(), request.metadata(), limits));
        } catch (InvalidMetadataException e) {
          yield reject(request.id(), e.getMessage(), reach);
        }
      }
      case ChannelMessage.BadRequest bad -> reject(bad.id(), bad.reason(), reach);
      case ChannelMessage.Unreadable unreadable -> unanswerable(unreadable.reason(), reach);
      case ChannelMessage.Event event when !eventHandler -> reach == Reach.SENDER ? new Reject(null, NOT_A_REQUEST)
          : new Drop("dropping a message without an id: no event handler here, and a request needs {pattern, data, id}");
      case ChannelMessage.Event event -> {
        try {
          yield new RunEvent(event.data(), MessageMetadata.merge(delivery.metadata(), event.metadata(), limits));
        } catch (InvalidMetadataException e) {
          // as bad metadata in the packet (Unreadable): an event's sender has no id to be answered by
          yield unanswerable(e.getMessage(), reach);
        }
      }
    };
  }

  private static ChannelDecision reject(JsonNode id, String reason, Reach reach) {
    return reach == Reach.NOWHERE ? new Drop("request " + id + ": " + reason + "; nowhere to send the error") : new Reject(id, reason);
  }

  private static ChannelDecision unanswerable(String reason, Reach reach) {
    return reach == Reach.SENDER ? new Reject(null, reason) : new Drop("dropping a message nobody can answer (" + reason + ")");
  }
}
