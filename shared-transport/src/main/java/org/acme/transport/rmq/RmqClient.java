package org.acme.transport.rmq;

import com.fasterxml.jackson.databind.JsonNode;
import com.rabbitmq.client.AMQP;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.buffer.Buffer;
import org.acme.transport.broker.BrokerUnavailableException;
import org.acme.transport.broker.RabbitLink;
import org.acme.transport.client.NestClient;
import org.acme.transport.client.RequestIds;
import org.acme.transport.codec.NestCodec;
import org.acme.transport.codec.PatternRoutes;
import org.acme.transport.config.ClientsConfig;

/**
 * Nest's {@code ClientRMQ}: requests go to the server's queue through the default exchange with
 * {@code replyTo=amq.rabbitmq.reply-to}, {@code correlationId} = the packet id, delivery mode 1 and no content type,
 * as Nest sends them, plus an {@code expiration} of the request's deadline: a request nobody took in time is
 * dropped by the broker rather than handled after its caller gave up (a charge nobody waits for any more, say).
 * Replies come back through {@link RmqReplies}. Events carry no replyTo and complete when the
 * broker confirms them, as Nest's confirm channel does.
 */
final class RmqClient implements NestClient {

  private final RabbitLink link;
  private final RmqReplies replies;
  private final ClientsConfig.Client config;
  private final String queue;
  private final String expiration;

  RmqClient(RabbitLink link, RmqReplies replies, String name, ClientsConfig.Client config) {
    this.link = link;
    this.replies = replies;
    this.config = config;
    this.queue = config.queue().orElseThrow(() -> new IllegalArgumentException(
        "client '" + name + "': set nest.client." + name + ".queue to the server's queue"));
    this.expiration = String.valueOf(config.timeout().toMillis());
  }

  @Override
  public String transport() {
    return "rmq";
  }

  @Override
  public Multi<JsonNode> stream(String pattern, Object data) {
    JsonNode body = NestCodec.json().valueToTree(data);
    String id = RequestIds.next();
    return replies.pending().request(id, pattern, config.timeout(), ignored -> ready()
        .chain(() -> link.client().basicPublish("", queue,
            new AMQP.BasicProperties.Builder().replyTo(RmqReplies.REPLY_QUEUE).correlationId(id).deliveryMode(1)
                .expiration(expiration).build(),
            Buffer.buffer(NestCodec.writeRequest(PatternRoutes.asJson(pattern), body, id))))
        .subscribe().with(ok -> { }, failure -> replies.pending().fail(id, failure)));
  }

  @Override
  public Uni<Void> emit(String pattern, Object data) {
    String packet = NestCodec.writeRequest(PatternRoutes.asJson(pattern), NestCodec.json().valueToTree(data), null);
    return ready()
        .chain(() -> link.client().basicPublish("", queue, new AMQP.BasicProperties.Builder().deliveryMode(1).build(), Buffer.buffer(packet)))
        .chain(() -> link.client().waitForConfirms(config.timeout().toMillis()));
  }

  private Uni<Void> ready() {
    if (!link.connected()) {
      return Uni.createFrom().failure(new BrokerUnavailableException("rabbitmq", link.address()));
    }
    // bounded, so a reply consumer that never comes back stops the wait along with the caller's deadline
    return replies.ready().ifNoItem().after(config.timeout())
        .failWith(() -> new BrokerUnavailableException("rabbitmq", link.address()));
  }
}
