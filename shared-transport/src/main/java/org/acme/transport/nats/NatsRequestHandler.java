package org.acme.transport.nats;

import com.fasterxml.jackson.databind.JsonNode;
import io.nats.client.Connection;
import io.nats.client.Message;
import io.nats.client.impl.Headers;
import io.quarkus.logging.Log;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.acme.transport.Transport;
import org.acme.transport.codec.ChannelMessage;
import org.acme.transport.codec.InvalidMetadataException;
import org.acme.transport.codec.MessageMetadata;
import org.acme.transport.codec.NestCodec;
import org.acme.transport.codec.OutgoingPacket;
import org.acme.transport.handler.MessageContext;
import org.acme.transport.handler.MessageRouter;

/**
 * One NATS message, as Nest's ServerNats reads it: the subject is the route, a body with an {@code id} is a
 * request answered on the message's reply subject, anything else is an event. Where stock Nest dies on invalid
 * JSON, this answers the sender with an error when it gave a reply subject, and logs.
 */
final class NatsRequestHandler {

  private final Connection connection;
  private final MessageRouter router;
  private final MessageMetadata.Limits limits;
  private final String replyPrefix;

  NatsRequestHandler(Connection connection, MessageRouter router, MessageMetadata.Limits limits, String replyPrefix) {
    this.replyPrefix = replyPrefix;
    this.connection = connection;
    this.router = router;
    this.limits = limits;
  }

  void onMessage(Message message) {
    String subject = message.getSubject();
    String route = route(message);
    String replyTo = message.getReplyTo();
    if (replyTo != null && !replyTo.startsWith(replyPrefix)) {
      router.refusedReply(Transport.NATS.tag(), subject, replyTo);
      return;
    }
    byte[] data = message.getData();
    if (data != null && router.tooLarge(Transport.NATS.tag(), subject, data.length)) {
      publish(replyTo, OutgoingPacket.error(router.tooLargeError(data.length)), null);
      return;
    }
    switch (ChannelMessage.read(data == null ? "" : new String(data, StandardCharsets.UTF_8), limits)) {
      case ChannelMessage.Unreadable unreadable -> reject(subject, replyTo, null, unreadable.reason());
      case ChannelMessage.BadRequest bad -> reject(subject, replyTo, bad.id(), bad.reason());
      case ChannelMessage.Request request -> {
        Map<String, String> metadata;
        try {
          metadata = MessageMetadata.merge(headerMetadata(message), request.metadata(), limits);
        } catch (InvalidMetadataException e) {
          reject(subject, replyTo, request.id(), e.getMessage());
          return;
        }
        answer(route, request, context(message, metadata, request.id()), replyTo);
      }
      case ChannelMessage.Event event -> {
        if (replyTo != null && !router.handlers().hasEventHandler(route)) {
          // Nest would run this as an event and leave the requester waiting; say why instead.
          reject(subject, replyTo, null, "not a request: a request needs the {pattern, data, id} envelope");
          return;
        }
        Map<String, String> metadata;
        try {
          metadata = MessageMetadata.merge(headerMetadata(message), event.metadata(), limits);
        } catch (InvalidMetadataException e) {
          reject(subject, replyTo, null, e.getMessage());
          return;
        }
        router.event(route, event.data(), context(message, metadata, null))
            .subscribe().with(ok -> { }, e -> Log.errorf(e, "NATS %s: event failed", subject));
      }
    }
  }

  /** The message's headers as metadata: the last value of each, checked like the packet's own metadata. */
  private Map<String, String> headerMetadata(Message message) {
    Headers headers = message.getHeaders();
    if (!message.hasHeaders() || headers == null || headers.isEmpty()) {
      return Map.of();
    }
    Map<String, String> metadata = new LinkedHashMap<>();
    headers.entrySet().forEach(e -> metadata.put(e.getKey(), e.getValue().isEmpty() ? "" : e.getValue().get(e.getValue().size() - 1)));
    return MessageMetadata.check(metadata, limits);
  }

  private static MessageContext context(Message message, Map<String, String> metadata, JsonNode id) {
    return new MessageContext(message.getSubject(), Transport.NATS.tag(), metadata, details(message, id), message);
  }

  /**
   * The handler route of a message: the subject it was subscribed under, as in Nest's ServerNats, so that a handler
   * pattern with NATS wildcards ({@code orders.*}, {@code orders.>}) handles what it matches; the context keeps the
   * message's own subject.
   */
  private static String route(Message message) {
    return message.getSubscription() == null ? message.getSubject() : message.getSubscription().getSubject();
  }

  private void answer(String route, ChannelMessage.Request request, MessageContext context, String replyTo) {
    String subject = context.pattern();
    if (replyTo == null) {
      Log.warnf("NATS %s: request %s has no reply subject; handling it and dropping the reply", subject, request.id());
    }
    router.request(route, request.data(), context).subscribe().with(
        reply -> publish(replyTo, reply, request.id()),
        e -> Log.errorf(e, "NATS %s: reply failed", subject));
  }

  private void reject(String subject, String replyTo, JsonNode id, String reason) {
    Log.warnf("NATS %s: bad message%s: %s", subject, replyTo == null ? " (no reply subject, dropped)" : "", reason);
    publish(replyTo, OutgoingPacket.error(router.error(400, reason)), id);
  }

  private void publish(String replyTo, OutgoingPacket reply, JsonNode id) {
    if (replyTo == null) {
      return;
    }
    byte[] body = NestCodec.writeReply(reply, id).getBytes(StandardCharsets.UTF_8);
    if (body.length > connection.getMaxPayload()) {
      // the echo of a message near the size limit: the server would refuse it, and the requester wait for nothing
      Log.warnf("NATS: a reply of %d bytes to %s is over the server's max_payload of %d; answering with an error", body.length, replyTo,
          connection.getMaxPayload());
      body = NestCodec.writeReply(OutgoingPacket.error(router.error(413, "the reply has " + body.length
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

  /** The subject and headers, and a request's id (for its span). */
  private static Map<String, Object> details(Message message, JsonNode id) {
    Map<String, Object> metadata = new LinkedHashMap<>();
    metadata.put("subject", message.getSubject());
    if (id != null) {
      metadata.put("id", id.asText());
    }
    Headers headers = message.getHeaders();
    if (message.hasHeaders() && headers != null && !headers.isEmpty()) {
      Map<String, List<String>> copy = new LinkedHashMap<>();
      headers.entrySet().forEach(e -> copy.put(e.getKey(), List.copyOf(e.getValue())));
      metadata.put("headers", Map.copyOf(copy));
    }
    return metadata;
  }
}
