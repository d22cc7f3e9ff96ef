package org.acme.transport.tcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.net.NetClientOptions;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.net.NetClient;
import io.vertx.mutiny.core.net.NetSocket;
import java.io.IOException;
import java.util.List;
import org.acme.transport.Transport;
import org.acme.transport.broker.BrokerUnavailableException;
import org.acme.transport.client.Deadline;
import org.acme.transport.client.MessageOptions;
import org.acme.transport.client.NestClient;
import org.acme.transport.client.PendingReplies;
import org.acme.transport.client.RequestIds;
import org.acme.transport.codec.MalformedPacketException;
import org.acme.transport.codec.NestCodec;
import org.acme.transport.codec.PatternRoutes;
import org.acme.transport.config.ClientsConfig;

/**
 * Nest's {@code ClientTCP}: one long-lived connection, requests multiplexed by id. When the connection drops,
 * requests in flight fail with "Connection closed" and the next request connects again.
 */
final class TcpClient implements NestClient {

  private final Vertx vertx;
  private final NetClient net;
  private final ClientsConfig.Client config;
  private final PendingReplies pending = new PendingReplies(Transport.TCP);
  private final int maxFrameLength;
  private Uni<NetSocket> connection;

  TcpClient(Vertx vertx, ClientsConfig.Client config, NetClientOptions options, int maxFrameLength) {
    this.vertx = vertx;
    this.config = config;
    this.maxFrameLength = maxFrameLength;
    this.net = vertx.createNetClient(options);
  }

  @Override
  public String transport() {
    return Transport.TCP.tag();
  }

  private synchronized Uni<NetSocket> connection() {
    if (connection == null) {
      connection = net.connect(config.port(), config.host())
          .onItem().invoke(this::attach)
          .onFailure().invoke(this::forget)
          // the reason (refused, untrusted certificate, wrong host name) is for the log; the caller hears "unavailable"
          .onFailure().invoke(e -> Log.warnf("Nest TCP client: cannot connect to %s:%d: %s", config.host(), config.port(), e.getMessage()))
          .onFailure().transform(e -> new BrokerUnavailableException(Transport.TCP, config.host() + ":" + config.port()))
          .memoize().indefinitely();
    }
    return connection;
  }

  private void attach(NetSocket socket) {
    TcpFrameDecoder decoder = new TcpFrameDecoder(maxFrameLength);
    socket.handler(buffer -> {
      List<String> frames;
      try {
        frames = decoder.feed(buffer.getBytes());
      } catch (MalformedPacketException e) {
        Log.warnf("TCP client %s:%d: %s", config.host(), config.port(), e.getMessage());
        socket.closeAndForget();
        return;
      }
      for (String frame : frames) {
        onReply(frame);
      }
    });
    socket.closeHandler(() -> {
      forget(null);
      pending.failAll(new IOException("Connection closed"));
    });
  }

  private void onReply(String frame) {
    try {
      JsonNode body = NestCodec.parse(frame);
      JsonNode id = body.get("id");
      if (id != null) {
        pending.accept(id.asText(), NestCodec.readReply(body));
      }
    } catch (MalformedPacketException e) {
      Log.warnf("TCP client: dropping a reply that is not JSON: %s", e.getMessage());
    }
  }

  private synchronized void forget(Throwable ignored) {
    connection = null;
  }

  /** Metadata travels as Nest 12 writes it on TCP: the packet's {@code metadata} field. */
  @Override
  public Multi<JsonNode> stream(String pattern, Object data, MessageOptions given) {
    Deadline deadline = Deadline.of(given, config.timeout());
    MessageOptions options = deadline.stamp(given);
    JsonNode body = NestCodec.json().valueToTree(data);
    return pending.request(RequestIds.next(), pattern, deadline.remaining(), id -> connection().subscribe().with(
        socket -> socket.writeAndForget(TcpFrameDecoder.frame(NestCodec.writeRequest(PatternRoutes.asJson(pattern), body, options.metadata(), id))),
        failure -> pending.fail(id, failure)));
  }

  @Override
  public Uni<Void> emit(String pattern, Object data, MessageOptions options) {
    String packet = NestCodec.writeRequest(TextNode.valueOf(PatternRoutes.route(pattern)), NestCodec.json().valueToTree(data),
        options.metadata(), null);
    return connection().chain(socket -> socket.write(TcpFrameDecoder.frame(packet)));
  }

  void close() {
    net.closeAndForget();
  }
}
