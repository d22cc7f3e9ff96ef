package org.acme.transport.rmq;

import com.fasterxml.jackson.databind.JsonNode;
import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.BasicProperties;
import com.rabbitmq.client.LongString;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.rabbitmq.RabbitMQClient;
import io.vertx.mutiny.rabbitmq.RabbitMQMessage;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.acme.transport.Transport;
import org.acme.transport.codec.IncomingPacket;
import org.acme.transport.codec.MalformedPacketException;
import org.acme.transport.codec.MessageMetadata;
import org.acme.transport.codec.NestCodec;
import org.acme.transport.codec.NestError;
import org.acme.transport.codec.OutgoingPacket;
import org.acme.transport.codec.WireFormat;
import org.acme.transport.handler.MessageContext;
import org.acme.transport.handler.Drain;
import org.acme.transport.handler.MessageRouter;

/**
 * The messages of one consumer on one channel. The pattern comes from the body (normalised, so any key order
 * works); a request is answered on its {@code replyTo} with its {@code correlationId} and a body without id, as
 * Nest does. A message that cannot be handled (not JSON, no pattern, an event nobody handles or whose handler
 * failed) is copied to the dead-letter queue with the reason, answered with an error when it asked for a reply,
 * and then acknowledged.
 */
final class RmqDeliveries {

  private static final Duration CONFIRM_TIMEOUT = Duration.ofSeconds(5);

  private final RabbitMQClient client;
  private final RmqConfirms confirms;
  private final MessageRouter router;
  private final String queue;
  private final String deadLetterQueue;
  private final AtomicLong channelGeneration;
  private final MessageMetadata.Limits limits;
  private final Set<String> replyQueues;
  private final boolean wildcards;
  private final WireFormat format;

  RmqDeliveries(RabbitMQClient client, RmqConfirms confirms, MessageRouter router, String queue, String deadLetterQueue, AtomicLong channelGeneration,
      MessageMetadata.Limits limits, Set<String> replyQueues, RmqServerConfig config) {
    this.wildcards = config.wildcards();
    this.format = config.format();
    this.limits = limits;
    this.replyQueues = replyQueues;
    this.client = client;
    this.confirms = confirms;
    this.router = router;
    this.queue = queue;
    this.deadLetterQueue = deadLetterQueue;
    this.channelGeneration = channelGeneration;
  }

  void onMessage(RabbitMQMessage message) {
    long generation = channelGeneration.get();
    handle(message, generation)
        .onFailure(Drain.HandedBack.class).invoke(e -> Log.infof("RMQ %s: message %d still running at shutdown; returning it to the queue", queue,
            message.envelope().getDeliveryTag()))
        .onFailure(e -> !(e instanceof Drain.HandedBack)).invoke(e -> Log.errorf(e, "RMQ %s: message %d not handled; returning it to the queue", queue,
            message.envelope().getDeliveryTag()))
        .onFailure().call(e -> settle(message, generation, false))
        .subscribe().with(ok -> { }, e -> { });
  }

  private Uni<Void> handle(RabbitMQMessage message, long generation) {
    BasicProperties props = message.properties();
    String replyTo = props.getReplyTo();
    if (replyTo != null && !replyAllowed(replyTo)) {
      router.refusedReply(Transport.RMQ.tag(), queue, replyTo);
      return reject(message, generation, "reply_to " + replyTo + " is neither direct reply-to nor a reply queue (nest.server.rmq.reply-queues)");
    }
    if (router.tooLarge(Transport.RMQ.tag(), queue, message.body().length())) {
      return reject(message, generation, router.tooLargeError(message.body().length()).message());
    }
    IncomingPacket packet;
    Map<String, String> metadata;
    try {
      packet = format.read(message.body().toString(StandardCharsets.UTF_8), message.envelope().getRoutingKey(), limits);
      metadata = MessageMetadata.merge(headerMetadata(props), packet.metadata(), limits);
    } catch (MalformedPacketException e) {
      return reject(message, generation, e.getMessage());
    }
    // the context shows the pattern as sent; the handler is the one that route or, with wildcards, a wildcard takes
    MessageContext context = new MessageContext(packet.route(), Transport.RMQ.tag(), metadata, details(message), message);
    String route = handlerRoute(packet.route(), packet.isRequest());
    if (!packet.isRequest()) {
      if (!router.handlers().hasEventHandler(route)) {
        String reason = router.handlers().hasMessageHandler(route)
            ? "a request for " + route + " without an id" : "no event handler for " + route;
        return reject(message, generation, reason);
      }
      return router.event(route, packet.data(), context).chain(failure -> failure
          .map(reason -> reject(message, generation, "the event handler failed: " + reason))
          .orElseGet(() -> settle(message, generation, true)));
    }
    if (replyTo == null) {
      Log.warnf("RMQ %s: request %s for %s has no replyTo; handling it and dropping the reply", queue, packet.id(), route);
    }
    boolean known = router.handlers().hasMessageHandler(route);
    // Nest's no-handler reply alone carries the id in its body.
    JsonNode replyId = known ? null : packet.id();
    Optional<OutgoingPacket> now = router.requestNow(route, packet.data(), context);
    if (now.isPresent()) {
      replyThenAck(message, generation, now.get(), replyId);
      return Uni.createFrom().voidItem();
    }
    return router.request(route, packet.data(), context)
        .onItem().transformToUniAndConcatenate(reply -> reply(props, reply, replyId))
        .collect().last()
        .chain(() -> settle(message, generation, true));
  }

  /**
   * As Nest's ServerRMQ with {@code wildcards}: a handler of the pattern itself first, else the wildcard route that
   * takes it ({@link RmqTopics#winner}); else the pattern, which finds no handler.
   */
  private String handlerRoute(String route, boolean request) {
    if (!wildcards || (request ? router.handlers().hasMessageHandler(route) : router.handlers().hasEventHandler(route))) {
      return route;
    }
    return RmqTopics.winner(route, request ? router.handlers().messageRoutes() : router.handlers().eventRoutes()).orElse(route);
  }

  private Uni<Void> reply(BasicProperties request, OutgoingPacket packet, JsonNode id) {
    if (request.getReplyTo() == null) {
      return Uni.createFrom().voidItem();
    }
    return client.basicPublish("", request.getReplyTo(), replyProperties(request), Buffer.buffer(NestCodec.writeReply(packet, id)));
  }

  private static AMQP.BasicProperties replyProperties(BasicProperties request) {
    return new AMQP.BasicProperties.Builder().correlationId(request.getCorrelationId()).build();
  }

  /**
   * The one reply of a request answered at once, and the ack, handed to the client back to back instead of the ack
   * waiting for the reply's write to complete: each waited a hop to a worker thread and one back (strace: 8 to 48 ms
   * from a delivery to its reply on the loaded machine). The client runs a context's channel calls one after the other
   * in the order given, so the broker still reads the reply before the ack; a reply that cannot be written means a
   * channel gone, and the ack with it, so the broker requeues the message as before.
   */
  private void replyThenAck(RabbitMQMessage message, long generation, OutgoingPacket packet, JsonNode id) {
    BasicProperties request = message.properties();
    if (request.getReplyTo() != null) {
      client.getDelegate().basicPublish("", request.getReplyTo(), replyProperties(request),
              io.vertx.core.buffer.Buffer.buffer(NestCodec.writeReply(packet, id)))
          .onFailure(e -> Log.warnf("RMQ %s: reply to %s failed: %s", queue, request.getCorrelationId(), e.getMessage()));
    }
    if (generation == channelGeneration.get() && client.isOpenChannel()) {
      client.getDelegate().basicAck(message.envelope().getDeliveryTag(), false)
          .onFailure(e -> Log.warnf("RMQ %s: ack of %d failed: %s", queue, message.envelope().getDeliveryTag(), e.getMessage()));
    }
  }

  /** Dead-letters the message (confirmed by the broker), answers it if it asked, then acks it. */
  private Uni<Void> reject(RabbitMQMessage message, long generation, String reason) {
    BasicProperties props = message.properties();
    Log.warnf("RMQ %s: dead-lettering message %d to %s: %s", queue, message.envelope().getDeliveryTag(), deadLetterQueue, reason);
    Map<String, Object> headers = new HashMap<>(props.getHeaders() == null ? Map.of() : props.getHeaders());
    headers.put("x-nest-error", reason);
    headers.put("x-nest-queue", queue);
    AMQP.BasicProperties dead = new AMQP.BasicProperties.Builder()
        .correlationId(props.getCorrelationId())
        .replyTo(props.getReplyTo())
        .contentType(props.getContentType())
        .headers(headers)
        .deliveryMode(2)
        .build();
    Uni<Void> answer = props.getReplyTo() == null || !replyAllowed(props.getReplyTo()) ? Uni.createFrom().voidItem()
        : reply(props, OutgoingPacket.error(NestError.of(400, reason)), null);
    return confirms.publish("", deadLetterQueue, dead, message.body(), CONFIRM_TIMEOUT)
        .chain(() -> answer)
        .chain(() -> settle(message, generation, true));
  }

  /** Direct reply-to (as Nest asks for it, and as the broker rewrites it) or a configured reply queue. */
  private boolean replyAllowed(String replyTo) {
    return RmqReplies.REPLY_QUEUE.equals(replyTo) || replyTo.startsWith(RmqReplies.REPLY_QUEUE + ".") || replyQueues.contains(replyTo);
  }

  /** Acks, or returns to the queue; not at all if the channel the message came on is gone (the broker requeued it). */
  private Uni<Void> settle(RabbitMQMessage message, long generation, boolean ack) {
    // a delivery tag of another channel would be a channel error on this one
    if (generation != channelGeneration.get() || !client.isOpenChannel()) {
      return Uni.createFrom().voidItem();
    }
    long tag = message.envelope().getDeliveryTag();
    return ack ? client.basicAck(tag, false) : client.basicNack(tag, false, true);
  }

  /**
   * The AMQP headers that are text, numbers or booleans, as metadata. Tables, arrays and bytes (RabbitMQ's own
   * {@code x-death}, say) are not metadata: they stay in the details, untouched.
   */
  private Map<String, String> headerMetadata(BasicProperties props) {
    if (props.getHeaders() == null || props.getHeaders().isEmpty()) {
      return Map.of();
    }
    Map<String, String> metadata = new LinkedHashMap<>();
    props.getHeaders().forEach((key, value) -> {
      if (value instanceof LongString || value instanceof String || value instanceof Number || value instanceof Boolean) {
        metadata.put(key, value.toString());
      }
    });
    return MessageMetadata.check(metadata, limits);
  }

  private Map<String, Object> details(RabbitMQMessage message) {
    Map<String, Object> metadata = new LinkedHashMap<>();
    metadata.put("queue", queue);
    metadata.put("exchange", message.envelope().getExchange());
    metadata.put("routingKey", message.envelope().getRoutingKey());
    metadata.put("deliveryTag", message.envelope().getDeliveryTag());
    metadata.put("redelivered", message.envelope().isRedeliver());
    metadata.put("properties", properties(message.properties()));
    return metadata;
  }

  private static Map<String, Object> properties(BasicProperties props) {
    Map<String, Object> out = new LinkedHashMap<>();
    putIfSet(out, "correlationId", props.getCorrelationId());
    putIfSet(out, "replyTo", props.getReplyTo());
    putIfSet(out, "contentType", props.getContentType());
    putIfSet(out, "contentEncoding", props.getContentEncoding());
    putIfSet(out, "deliveryMode", props.getDeliveryMode());
    putIfSet(out, "priority", props.getPriority());
    putIfSet(out, "messageId", props.getMessageId());
    putIfSet(out, "timestamp", props.getTimestamp());
    putIfSet(out, "type", props.getType());
    putIfSet(out, "appId", props.getAppId());
    // RabbitMQ refuses a message whose user_id is not its publisher's login: the sender, as the broker vouches for it
    putIfSet(out, "userId", props.getUserId());
    putIfSet(out, "expiration", props.getExpiration());
    if (props.getHeaders() != null && !props.getHeaders().isEmpty()) {
      Map<String, Object> headers = new LinkedHashMap<>();
      props.getHeaders().forEach((k, v) -> putIfSet(headers, k, v instanceof LongString s ? s.toString() : v));
      out.put("headers", Map.copyOf(headers));
    }
    return Map.copyOf(out);
  }

  private static void putIfSet(Map<String, Object> map, String key, Object value) {
    if (value != null) {
      map.put(key, value);
    }
  }
}
