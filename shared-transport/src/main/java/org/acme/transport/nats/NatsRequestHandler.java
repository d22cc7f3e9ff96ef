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
import org.acme.transport.codec.ChannelMessage;
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

  NatsRequestHandler(Connection connection, MessageRouter router) {
    this.connection = connection;
    this.router = router;
  }

  void onMessage(Message message) {
    String subject = message.getSubject();
    String replyTo = message.getReplyTo();
    byte[] data = message.getData();
    ChannelMessage read = ChannelMessage.read(data == null ? "" : new String(data, StandardCharsets.UTF_8));
    MessageContext context = new MessageContext(subject, "nats", metadata(message), message);
    switch (read) {
      case ChannelMessage.Unreadable unreadable -> reject(subject, replyTo, null, unreadable.reason());
      case ChannelMessage.BadRequest bad -> reject(subject, replyTo, bad.id(), "the packet has an id but not the {pattern, data, id} envelope");
      case ChannelMessage.Request request -> answer(request, context, replyTo);
      case ChannelMessage.Event event -> {
        if (replyTo != null && !router.hasEventHandler(subject)) {
          // Nest would run this as an event and leave the requester waiting; say why instead.
          reject(subject, replyTo, null, "not a request: a request needs the {pattern, data, id} envelope");
        } else {
          router.event(subject, event.data(), context)
              .subscribe().with(ok -> { }, e -> Log.errorf(e, "NATS %s: event failed", subject));
        }
      }
    }
  }

  private void answer(ChannelMessage.Request request, MessageContext context, String replyTo) {
    String subject = context.pattern();
    if (replyTo == null) {
      Log.warnf("NATS %s: request %s has no reply subject; handling it and dropping the reply", subject, request.id());
    }
    router.request(subject, request.data(), context).subscribe().with(
        reply -> publish(replyTo, reply, request.id()),
        e -> Log.errorf(e, "NATS %s: reply failed", subject));
  }

  private void reject(String subject, String replyTo, JsonNode id, String reason) {
    Log.warnf("NATS %s: bad message%s: %s", subject, replyTo == null ? " (no reply subject, dropped)" : "", reason);
    publish(replyTo, OutgoingPacket.error(router.rpcError(reason)), id);
  }

  private void publish(String replyTo, OutgoingPacket reply, JsonNode id) {
    if (replyTo == null) {
      return;
    }
    try {
      connection.publish(replyTo, NestCodec.writeReply(reply, id).getBytes(StandardCharsets.UTF_8));
    } catch (IllegalStateException e) {
      // closed connection (shutdown): the requester's deadline tells it
      Log.debugf("NATS: reply to %s not sent: %s", replyTo, e.getMessage());
    }
  }

  private static Map<String, Object> metadata(Message message) {
    Map<String, Object> metadata = new LinkedHashMap<>();
    metadata.put("subject", message.getSubject());
    Headers headers = message.getHeaders();
    if (message.hasHeaders() && headers != null && !headers.isEmpty()) {
      Map<String, List<String>> copy = new LinkedHashMap<>();
      headers.entrySet().forEach(e -> copy.put(e.getKey(), List.copyOf(e.getValue())));
      metadata.put("headers", Map.copyOf(copy));
    }
    return metadata;
  }
}
