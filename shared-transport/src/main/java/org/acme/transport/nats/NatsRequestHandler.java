package org.acme.transport.nats;

import io.nats.client.Connection;
import io.nats.client.Message;
import java.nio.charset.StandardCharsets;
import org.acme.transport.Transport;
import org.acme.transport.codec.MessageMetadata;
import org.acme.transport.codec.OutgoingPacket;
import org.acme.transport.handler.ChannelDispatch;
import org.acme.transport.handler.MessageRouter;
import org.jboss.logging.Logger;

/**
 * One NATS message, as Nest's ServerNats reads it: the subject is the route, a body with an {@code id} is a
 * request answered on the message's reply subject, anything else is an event. What NATS alone checks comes first
 * (where the reply would go, the size); the rest is the {@link ChannelDispatch} every channel transport shares. Where
 * stock Nest dies on invalid JSON, this answers the sender with an error when it gave a reply subject, and logs.
 */
final class NatsRequestHandler {

  private final Connection connection;
  private final MessageRouter router;
  private final MessageMetadata.Limits limits;
  private final String replyPrefix;
  private final ChannelDispatch dispatch;

  NatsRequestHandler(Connection connection, MessageRouter router, MessageMetadata.Limits limits, String replyPrefix) {
    this.replyPrefix = replyPrefix;
    this.connection = connection;
    this.router = router;
    this.limits = limits;
    this.dispatch = new ChannelDispatch(router, limits, Logger.getLogger(NatsRequestHandler.class));
  }

  void onMessage(Message message) {
    String subject = message.getSubject();
    String replyTo = message.getReplyTo();
    if (replyTo != null && !replyTo.startsWith(replyPrefix)) {
      router.refusedReply(Transport.NATS.tag(), subject, replyTo);
      return;
    }
    NatsDelivery delivery = new NatsDelivery(message, connection, limits);
    byte[] data = message.getData();
    if (data != null && router.tooLarge(Transport.NATS.tag(), subject, data.length)) {
      // not read, so no id; but a reply subject is the sender's own, so it can be told (Redis and MQTT drop it)
      delivery.replyNow(OutgoingPacket.error(router.tooLargeError(data.length)), null);
      return;
    }
    dispatch.dispatch(delivery, data == null ? "" : new String(data, StandardCharsets.UTF_8));
  }
}
