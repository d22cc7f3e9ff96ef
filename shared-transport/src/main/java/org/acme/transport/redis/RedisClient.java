package org.acme.transport.redis;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.redis.client.Redis;
import java.time.Duration;
import java.util.List;
import org.acme.transport.Transport;
import org.acme.transport.client.Deadline;
import org.acme.transport.client.MessageOptions;
import org.acme.transport.client.NestClient;
import org.acme.transport.client.NoResponderException;
import org.acme.transport.client.PendingReplies;
import org.acme.transport.client.RequestIds;
import org.acme.transport.codec.MalformedPacketException;
import org.acme.transport.codec.NestCodec;
import org.acme.transport.codec.PatternRoutes;
import org.acme.transport.config.ClientsConfig;

/**
 * Nest's {@code ClientRedis}: requests published on the route's channel as {@code {pattern,data,id}}, replies
 * read from {@code <route>.reply} and matched by the body's id. Unlike Nest it keeps each reply subscription once
 * made (Nest's reference-counted UNSUBSCRIBE races with concurrent first requests), and since PUBLISH says how
 * many subscribers got the message, a request or event nobody receives fails at once instead of waiting out
 * its deadline.
 */
final class RedisClient implements NestClient {

  private final RedisPublisher publisher;
  private final RedisSubscriber replies;
  private final ClientsConfig.Client config;
  private final PendingReplies pending = new PendingReplies(Transport.REDIS);

  RedisClient(RedisPublisher publisher, Redis redis, Vertx vertx, Duration reconnectDelay, ClientsConfig.Client config, String name) {
    this.publisher = publisher;
    this.config = config;
    this.replies = new RedisSubscriber(redis, vertx, reconnectDelay, "client " + name, (route, channel, payload) -> onReply(channel, payload));
  }

  @Override
  public String transport() {
    return Transport.REDIS.tag();
  }

  /** Metadata travels as Nest 12 writes it on Redis: the packet's {@code metadata} field. */
  @Override
  public Multi<JsonNode> stream(String pattern, Object data, MessageOptions given) {
    Deadline deadline = Deadline.of(given, config.timeout());
    MessageOptions options = deadline.stamp(given);
    String route = PatternRoutes.route(pattern);
    JsonNode body = NestCodec.json().valueToTree(data);
    return pending.request(RequestIds.next(), pattern, deadline.remaining(), id -> replies.subscribe(List.of(route + ".reply"))
        .chain(() -> publisher.publish(route, NestCodec.writeRequest(PatternRoutes.asJson(pattern), body, options.metadata(), id)))
        .subscribe().with(receivers -> {
          if (receivers == 0) {
            pending.fail(id, new NoResponderException(route));
          }
        }, failure -> pending.fail(id, failure)));
  }

  @Override
  public Uni<Void> emit(String pattern, Object data, MessageOptions options) {
    String route = PatternRoutes.route(pattern);
    String packet = NestCodec.writeRequest(PatternRoutes.asJson(pattern), NestCodec.json().valueToTree(data), options.metadata(), null);
    return publisher.publish(route, packet).invoke(receivers -> {
      if (receivers == 0) {
        // Redis keeps nothing: an event nobody received is lost, so say so rather than report success
        throw new NoResponderException(route);
      }
    }).replaceWithVoid();
  }

  private void onReply(String channel, String payload) {
    JsonNode body;
    try {
      body = NestCodec.parse(payload == null ? "" : payload);
    } catch (MalformedPacketException e) {
      Log.warnf("Redis client: dropping a reply on %s that is not JSON: %s", channel, e.getMessage());
      return;
    }
    JsonNode id = body.isObject() ? body.get("id") : null;
    if (id != null && !id.isNull()) {
      // another client's reply, or a second server's answer to a request already complete: dropped, as in Nest
      pending.accept(id.asText(), NestCodec.readReply(body));
    }
  }

  void close() {
    replies.close();
  }
}
