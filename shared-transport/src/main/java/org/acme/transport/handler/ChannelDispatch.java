package org.acme.transport.handler;

import java.util.Optional;
import org.acme.transport.codec.ChannelMessage;
import org.acme.transport.codec.MessageMetadata;
import org.acme.transport.codec.NestError;
import org.acme.transport.codec.OutgoingPacket;
import org.jboss.logging.Logger;

/**
 * The dispatch of one message on a channel transport (Redis, MQTT, NATS): read it, decide what it gets
 * ({@link ChannelDecision}) and carry that out through the router and the transport's {@link ChannelDelivery}. Each
 * server has its own, logging under the server's category, so one transport's lines can be turned up alone.
 */
public final class ChannelDispatch {

  private static final int EXCERPT = 200;

  private final MessageRouter router;
  private final MessageMetadata.Limits limits;
  private final Logger log;

  public ChannelDispatch(MessageRouter router, MessageMetadata.Limits limits, Logger log) {
    this.router = router;
    this.limits = limits;
    this.log = log;
  }

  /** One message's text (already within {@code nest.limits.message-size}: that check is the server's, before reading). */
  public void dispatch(ChannelDelivery delivery, String text) {
    ChannelMessage message = ChannelMessage.read(text, limits);
    boolean eventHandler = message instanceof ChannelMessage.Event && router.handlers().hasEventHandler(delivery.route());
    switch (ChannelDecision.decide(message, delivery, eventHandler, limits)) {
      case ChannelDecision.Answer answer -> answer(delivery, answer);
      case ChannelDecision.RunEvent event -> router.event(delivery.route(), event.data(), delivery.context(event.metadata(), null))
          .subscribe().with(ok -> {
          }, failure -> log.errorf(failure, "%s: event failed", delivery.label()));
      case ChannelDecision.Reject reject -> {
        log.warnf("%s: %s: %s; answering with an error", delivery.label(), reject.id() == null ? "bad message" : "request " + reject.id(),
            reject.reason());
        // the reason alone, as the TCP, RabbitMQ and Kafka servers say it (Redis and MQTT used to put "Invalid request: " first)
        delivery.replyNow(OutgoingPacket.error(NestError.of(400, reject.reason())), reject.id());
      }
      case ChannelDecision.Drop drop -> log.warnf("%s: %s: %s", delivery.label(), drop.why(), excerpt(text));
    }
  }

  /**
   * In place when the handler answers at once (one reply, no stream), on every transport: the common request skips the
   * reactive pipeline. Else the router's stream, each packet sent when the one before is, so a stream stays in order.
   */
  private void answer(ChannelDelivery delivery, ChannelDecision.Answer answer) {
    if (delivery.reach() == ChannelDelivery.Reach.NOWHERE) {
      log.warnf("%s: request %s has no reply subject; handling it and dropping the reply", delivery.label(), answer.id());
    }
    MessageContext context = delivery.context(answer.metadata(), answer.id());
    Optional<OutgoingPacket> now = router.requestNow(delivery.route(), answer.data(), context);
    if (now.isPresent()) {
      delivery.replyNow(now.get(), answer.id());
      return;
    }
    router.request(delivery.route(), answer.data(), context)
        .onItem().transformToUniAndConcatenate(packet -> delivery.reply(packet, answer.id()))
        .subscribe().with(ok -> {
        }, failure -> log.warnf("%s: reply to %s failed: %s", delivery.label(), answer.id(), failure.toString()));
  }

  private static String excerpt(String text) {
    if (text == null) {
      return "(nothing)";
    }
    return text.length() <= EXCERPT ? text : text.substring(0, EXCERPT) + "…";
  }
}
