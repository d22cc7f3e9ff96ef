package org.acme.transport.nats;

import com.fasterxml.jackson.databind.JsonNode;
import io.nats.client.Connection;
import io.nats.client.Message;
import io.nats.client.impl.Headers;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.acme.transport.Transport;
import org.acme.transport.codec.MessageMetadata;
import org.acme.transport.codec.NestCodec;
import org.acme.transport.codec.NestError;
import org.acme.transport.codec.OutgoingPacket;
import org.acme.transport.handler.ChannelDelivery;
import org.acme.transport.handler.MessageContext;

/**
 * A NATS message, for the dispatch: the reply goes to the message's own reply subject, the sender's inbox, so even a
 * message without an id can be answered; without one, nowhere. Its headers are metadata, under the packet's. A publish
 * is synchronous (jnats queues it), so a reply sent in place and one of a stream are sent alike.
 *
 * @param route the subject it was subscribed under, as in Nest's ServerNats, so that a handler pattern with NATS
 *     wildcards ({@code orders.*}, {@code orders.>}) handles what it matches; the context keeps the message's own subject
 */
record NatsDelivery(String route, Message message, Connection connection, MessageMetadata.Limits limits)
    implements ChannelDelivery {

  NatsDelivery(Message message, Connection connection, MessageMetadata.Limits limits) {
    this(message.getSubscription() == null ? message.getSubject() : message.getSubscription().getSubject(), message, connection, limits);
  }

  @Override
  public String label() {
    return "NATS " + message.getSubject();
  }

  @Override
  public Reach reach() {
    return message.getReplyTo() == null ? Reach.NOWHERE : Reach.SENDER;
  }

  /** The message's headers as metadata: the last value of each, checked like the packet's own metadata. */
  @Override
  public Map<String, String> metadata() {
    Headers headers = message.getHeaders();
    if (!message.hasHeaders() || headers == null || headers.isEmpty()) {
      return Map.of();
    }
    Map<String, String> metadata = new LinkedHashMap<>();
    headers.entrySet().forEach(e -> metadata.put(e.getKey(), e.getValue().isEmpty() ? "" : e.getValue().get(e.getValue().size() - 1)));
    return MessageMetadata.check(metadata, limits);
  }

  /** The subject and headers, and a request's id (for its span). */
  @Override
  public MessageContext context(Map<String, String> metadata, JsonNode id) {
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("subject", message.getSubject());
    if (id != null) {
      details.put("id", id.asText());
    }
    Headers headers = message.getHeaders();
    if (message.hasHeaders() && headers != null && !headers.isEmpty()) {
      Map<String, List<String>> copy = new LinkedHashMap<>();
      headers.entrySet().forEach(e -> copy.put(e.getKey(), List.copyOf(e.getValue())));
      details.put("headers", Map.copyOf(copy));
    }
    return new MessageContext(message.getSubject(), Transport.NATS.tag(), metadata, details, message);
  }

  @Override
  public Uni<Void> reply(OutgoingPacket packet, JsonNode id) {
    replyNow(packet, id);
    return Uni.createFrom().voidItem();
  }

  @Override
  public void replyNow(OutgoingPacket packet, JsonNode id) {
    String replyTo = message.getReplyTo();
    if (replyTo == null) {
      return;
    }
    byte[] body = NestCodec.writeReply(packet, id).getBytes(StandardCharsets.UTF_8);
    if (body.length > connection.getMaxPayload()) {
      // the echo of a message near the size limit: the server would refuse it, and the requester wait for nothing
      Log.warnf("NATS: a reply of %d bytes to %s is over the server's max_payload of %d; answering with an error", body.length, replyTo,
          connection.getMaxPayload());
      body = NestCodec.writeReply(OutgoingPacket.error(NestError.of(413, "the reply has " + body.length
          + " bytes, more than this NATS server carries (max_payload " + connection.getMaxPayload() + ")")), id).getBytes(StandardCharsets.UTF_8);
    }
    try {
      connection.publish(replyTo, body);
    } catch (IllegalStateException e) {
      // closed connection (shutdown): the requester's deadline tells it
      Log.debugf("NATS: reply to %s not sent: %s", replyTo, e.getMessage());
    } catch (IllegalArgumentException e) {
      // a reply subject jnats will not publish to (within the inbox prefix, but not a subject): nobody to tell
      Log.warnf("NATS: reply to %s not sent: %s", replyTo, e.getMessage());
    }
  }
}
