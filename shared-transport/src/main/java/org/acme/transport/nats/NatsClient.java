package org.acme.transport.nats;

import com.fasterxml.jackson.databind.JsonNode;
import io.nats.client.Connection;
import io.nats.client.Dispatcher;
import io.nats.client.Message;
import io.nats.client.impl.Headers;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeoutException;
import org.acme.transport.Transport;
import org.acme.transport.broker.BrokerUnavailableException;
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
 * Nest's {@code ClientNats}, with one difference in how replies come back: Nest subscribes a fresh inbox per
 * request (a SUB and an UNSUB for each), this client subscribes once to {@code _INBOX.<nuid>.*} and gives each
 * request the reply subject {@code _INBOX.<nuid>.<id>}, as jnats's own request() does. Half the protocol traffic
 * under load, no subscription to leak when a request is abandoned, and replies correlate by subject, so a foreign
 * server's bare reply (no id in the body) still finds its request. The server sees the same thing either way: a
 * PUB with a reply subject under {@code _INBOX}.
 * <p>
 * NATS (2.2+) answers a request nobody subscribes to with a 503 status message on the reply subject; that fails
 * the request at once with {@link NoResponderException}, where Nest raises EmptyResponseException.
 */
final class NatsClient implements NestClient {

  private final NatsLink link;
  private final ClientsConfig.Client config;
  private final PendingReplies pending = new PendingReplies(Transport.NATS);
  /** Route of each request in flight, to name it in a no-responders error. */
  private final Map<String, String> routes = new ConcurrentHashMap<>();
  private String inboxPrefix;
  private Dispatcher dispatcher;

  NatsClient(NatsLink link, ClientsConfig.Client config) {
    this.link = link;
    this.config = config;
  }

  @Override
  public String transport() {
    return Transport.NATS.tag();
  }

  private Connection connection() {
    return link.connection()
        .filter(c -> c.getStatus() == Connection.Status.CONNECTED)
        .orElseThrow(() -> new BrokerUnavailableException(Transport.NATS, link.address()));
  }

  /** Subscribes the reply inbox on first use; jnats keeps it across reconnects. */
  private synchronized String inbox(Connection connection) {
    if (dispatcher == null) {
      inboxPrefix = connection.createInbox() + ".";
      dispatcher = connection.createDispatcher(this::onReply);
      dispatcher.subscribe(inboxPrefix + "*");
    }
    return inboxPrefix;
  }

  private void onReply(Message message) {
    String id = message.getSubject().substring(inboxPrefix.length());
    if (message.isStatusMessage()) {
      if (message.getStatus().getCode() == 503) {
        pending.fail(id, new NoResponderException(patternOf(id)));
      }
      return;
    }
    try {
      pending.accept(id, NestCodec.readReply(NestCodec.parse(message.getData())));
    } catch (MalformedPacketException e) {
      Log.warnf("NATS client: dropping a reply on %s that is not JSON: %s", message.getSubject(), e.getMessage());
    }
  }

  private String patternOf(String id) {
    return routes.getOrDefault(id, "?");
  }

  /**
   * Metadata travels twice, and small: as NATS headers, which a Nest 12.1 handler reads ({@code getHeaders()}), and in
   * the packet's {@code metadata} field, where Nest 12's own client writes it (and its server reads it once
   * nestjs/nest#17813 lands). The NATS options' headers go as headers only.
   */
  @Override
  public Multi<JsonNode> stream(String pattern, Object data, MessageOptions given) {
    Deadline deadline = Deadline.of(given, config.timeout());
    MessageOptions options = deadline.stamp(given);
    JsonNode body = NestCodec.json().valueToTree(data);
    String route = PatternRoutes.route(pattern);
    String id = RequestIds.next();
    return pending.request(id, pattern, deadline.remaining(), ignored -> {
      Connection connection = connection();
      routes.put(id, route);
      byte[] packet = NestCodec.writeRequest(PatternRoutes.asJson(pattern), body, options.metadata(), id).getBytes(StandardCharsets.UTF_8);
      connection.publish(route, inbox(connection) + id, headers(options), packet);
    }).onTermination().invoke(() -> routes.remove(id));
  }

  private static Headers headers(MessageOptions options) {
    if (options.metadata().isEmpty() && options.nats().headers().isEmpty()) {
      return null;
    }
    Headers headers = new Headers();
    options.nats().headers().forEach(headers::put);
    options.metadata().forEach(headers::put);
    return headers;
  }

  /**
   * Publishes the event, then flushes: unlike Nest, which resolves right after publish(), this completes only once
   * the server has read it (core NATS has no delivery acknowledgement beyond that).
   */
  @Override
  public Uni<Void> emit(String pattern, Object data, MessageOptions options) {
    return Uni.createFrom().<Void>item(() -> {
      String route = PatternRoutes.route(pattern);
      JsonNode body = NestCodec.json().valueToTree(data);
      Connection connection = connection();
      connection.publish(route, headers(options), NestCodec.writeRequest(NestCodec.json().getNodeFactory().textNode(route), body,
          options.metadata(), null).getBytes(StandardCharsets.UTF_8));
      flush(connection, config.timeout());
      return null;
    }).runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
  }

  private void flush(Connection connection, Duration timeout) {
    try {
      connection.flush(timeout);
    } catch (TimeoutException e) {
      throw new BrokerUnavailableException(Transport.NATS, link.address());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new BrokerUnavailableException(Transport.NATS, link.address());
    }
  }
}
