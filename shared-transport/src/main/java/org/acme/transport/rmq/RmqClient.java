package org.acme.transport.rmq;

import com.fasterxml.jackson.databind.JsonNode;
import com.rabbitmq.client.AMQP;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.buffer.Buffer;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.acme.transport.Transport;
import org.acme.transport.broker.BrokerUnavailableException;
import org.acme.transport.client.Deadline;
import org.acme.transport.client.MessageOptions;
import org.acme.transport.client.NestClient;
import org.acme.transport.client.RequestIds;
import org.acme.transport.codec.NestCodec;
import org.acme.transport.codec.PatternRoutes;
import org.acme.transport.codec.WireFormat;
import org.acme.transport.config.ClientsConfig;

/**
 * Nest's {@code ClientRMQ}: requests go to the server's queue through the default exchange (or to an exchange:
 * {@link RmqDestination}) with
 * {@code replyTo=amq.rabbitmq.reply-to}, {@code correlationId} = the packet id, delivery mode 2 (Nest's 1 for a client
 * configured {@code persistent=false}) and no content type, as Nest sends them, plus an {@code expiration} of what is left
 * of the request's deadline: a request nobody took in time is
 * dropped by the broker rather than handled after its caller gave up (a charge nobody waits for any more, say).
 * Replies come back through {@link RmqReplies}. Events carry no replyTo and complete when the
 * broker confirms them ({@link RmqConfirms}), as Nest's confirm channel does.
 */
final class RmqClient implements NestClient {

  private final RmqLink link;
  private final RmqReplies replies;
  private final RmqConfirms confirms;
  private final ClientsConfig.Client config;
  private final RmqDestination destination;

  RmqClient(RmqLink link, RmqReplies replies, RmqConfirms confirms, String name, ClientsConfig.Client config) {
    this.link = link;
    this.replies = replies;
    this.confirms = confirms;
    this.config = config;
    this.destination = new RmqDestination(link, name, config);
  }

  @Override
  public String transport() {
    return Transport.RMQ.tag();
  }

  /**
   * Metadata travels twice, and small: as AMQP headers, which a Nest 12.1 handler reads from
   * {@code getMessage().properties.headers}, and in the packet's {@code metadata} field, where Nest 12's own client
   * writes it. A request's expiration is the options' one when shorter than what is left of its deadline, else that.
   */
  @Override
  public Multi<JsonNode> stream(String pattern, Object data, MessageOptions given) {
    if (config.format() != WireFormat.NEST) {
      return Multi.createFrom().failure(new IllegalStateException("a client with format " + config.format().name().toLowerCase()
          + " only emits events: a request needs Nest's envelope to be answered (nest.client.<name>.format)"));
    }
    Deadline deadline = Deadline.of(given, config.timeout());
    MessageOptions options = deadline.stamp(given);
    JsonNode body = NestCodec.json().valueToTree(data);
    String id = RequestIds.next();
    Duration left = deadline.remaining().isNegative() ? Duration.ZERO : deadline.remaining();
    Duration expiresAfter = options.rmq().expiration() == null || options.rmq().expiration().compareTo(left) > 0
        ? left : options.rmq().expiration();
    AMQP.BasicProperties props = properties(options, true).replyTo(RmqReplies.REPLY_QUEUE).correlationId(id)
        .expiration(String.valueOf(expiresAfter.toMillis())).build();
    return replies.pending().request(id, pattern, deadline.remaining(), ignored -> ready()
        .chain(() -> link.client().basicPublish(destination.exchange(), destination.routingKey(pattern), props,
            Buffer.buffer(NestCodec.writeRequest(PatternRoutes.asJson(pattern), body, options.metadata(), id))))
        .subscribe().with(ok -> { }, failure -> replies.pending().fail(id, failure)));
  }

  @Override
  public Uni<Void> emit(String pattern, Object data, MessageOptions options) {
    String packet = config.format().writeEvent(PatternRoutes.asJson(pattern), NestCodec.json().valueToTree(data), options.metadata());
    AMQP.BasicProperties.Builder props = properties(options, false);
    if (options.rmq().expiration() != null) {
      props.expiration(String.valueOf(options.rmq().expiration().toMillis()));
    }
    return ready()
        .chain(() -> confirms.publish(destination.exchange(), destination.routingKey(pattern), props.build(), Buffer.buffer(packet), config.timeout()));
  }

  /**
   * Delivery mode (2 when persistent: the call's options say, else the client's {@code persistent}, else only for a
   * request: a command lost to a broker restart is work its caller believes was asked for), priority, the link's user
   * as {@code user_id}, and headers: the options' own, then the metadata.
   */
  private AMQP.BasicProperties.Builder properties(MessageOptions options, boolean request) {
    MessageOptions.Rmq rmq = options.rmq();
    boolean persistent = rmq.persistent() == null ? config.persistent().orElse(request) : rmq.persistent();
    AMQP.BasicProperties.Builder props = new AMQP.BasicProperties.Builder()
        .deliveryMode(persistent ? 2 : 1)
        .priority(rmq.priority())
        // validated by the broker: the server can tell who sent it (payment.command-senders); Nest ignores it
        .userId(link.username());
    if (!rmq.headers().isEmpty() || !options.metadata().isEmpty()) {
      Map<String, Object> headers = new LinkedHashMap<>(rmq.headers());
      headers.putAll(options.metadata());
      props.headers(headers);
    }
    return props;
  }

  private Uni<Void> ready() {
    if (!link.connected()) {
      return Uni.createFrom().failure(new BrokerUnavailableException(Transport.RMQ, link.address()));
    }
    // bounded, so a reply consumer that never comes back stops the wait along with the caller's deadline
    return replies.ready().chain(destination::declared).ifNoItem().after(config.timeout())
        .failWith(() -> new BrokerUnavailableException(Transport.RMQ, link.address()));
  }
}
