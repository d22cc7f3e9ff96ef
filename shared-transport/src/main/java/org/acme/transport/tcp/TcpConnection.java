package org.acme.transport.tcp;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.subscription.Cancellable;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.net.NetSocket;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.ConcurrentHashMap;
import org.acme.transport.codec.IncomingPacket;
import org.acme.transport.codec.MalformedPacketException;
import org.acme.transport.codec.MessageMetadata;
import org.acme.transport.codec.NestCodec;
import org.acme.transport.codec.OutgoingPacket;
import org.acme.transport.codec.TcpFrameDecoder;
import org.acme.transport.config.ServerConfig;
import org.acme.transport.handler.MessageContext;
import org.acme.transport.handler.MessageRouter;

/**
 * One peer's connection. A corrupt frame (bad length, oversize, invalid JSON) closes this connection only, as
 * Nest 11.2 does; a well-framed packet that is not a valid request gets an error reply and the connection stays.
 */
final class TcpConnection {

  private final NetSocket socket;
  private final Vertx vertx;
  private final MessageRouter router;
  private final ServerConfig.Tcp config;
  private final MessageMetadata.Limits limits;
  private final TcpFrameDecoder decoder;
  private final Map<Long, Cancellable> inFlight = new ConcurrentHashMap<>();
  private final AtomicLong requestKeys = new AtomicLong();
  private final String peer;
  private long incompleteTimer = -1;
  private boolean closed;

  TcpConnection(NetSocket socket, Vertx vertx, MessageRouter router, ServerConfig.Tcp config, MessageMetadata.Limits limits) {
    this.limits = limits;
    this.socket = socket;
    this.vertx = vertx;
    this.router = router;
    this.config = config;
    this.decoder = new TcpFrameDecoder(config.maxFrameLength());
    this.peer = socket.remoteAddress().toString();
    socket.handler(buffer -> onBytes(buffer.getBytes()));
    socket.closeHandler(this::onClose);
    socket.exceptionHandler(e -> Log.debugf("TCP %s: %s", peer, e.getMessage()));
    socket.drainHandler(socket::resume);
  }

  private void onBytes(byte[] bytes) {
    List<String> frames;
    try {
      frames = decoder.feed(bytes);
    } catch (MalformedPacketException e) {
      reject(e.getMessage());
      return;
    }
    for (String frame : frames) {
      if (closed) {
        return;
      }
      onFrame(frame);
    }
    armIncompleteTimer();
  }

  private void onFrame(String frame) {
    JsonNode body;
    try {
      body = NestCodec.parse(frame);
    } catch (MalformedPacketException e) {
      reject(e.getMessage());
      return;
    }
    IncomingPacket packet;
    try {
      packet = NestCodec.readIncoming(body, limits);
    } catch (MalformedPacketException e) {
      Log.warnf("TCP %s: %s", peer, e.getMessage());
      JsonNode id = body.isObject() ? body.get("id") : null;
      if (id != null) {
        write(OutgoingPacket.error(router.error(400, e.getMessage())), id);
      }
      return;
    }
    String route = packet.route();
    MessageContext context = new MessageContext(route, "tcp", packet.metadata(), Map.of("remoteAddress", peer), socket);
    if (!packet.isRequest()) {
      router.event(route, packet.data(), context).subscribe().with(ok -> { }, failure -> Log.errorf(failure, "TCP %s: event failed", peer));
      return;
    }
    Long key = requestKeys.incrementAndGet();
    AtomicBoolean done = new AtomicBoolean();
    Cancellable handle = router.request(route, packet.data(), context)
        .onTermination().invoke(() -> {
          done.set(true);
          inFlight.remove(key);
        })
        .subscribe().with(reply -> write(reply, packet.id()), failure -> Log.errorf(failure, "TCP %s: reply failed", peer));
    // a handler that answers at once has already terminated here: keep only what is still running
    if (!done.get()) {
      inFlight.put(key, handle);
      if (done.get()) {
        inFlight.remove(key);
      }
    }
  }

  private void write(OutgoingPacket reply, JsonNode id) {
    if (closed) {
      return;
    }
    socket.writeAndForget(TcpFrameDecoder.frame(NestCodec.writeReply(reply, id)));
    if (socket.writeQueueFull()) {
      // a peer that sends but does not read: stop reading its requests until it catches up
      socket.pause();
    }
  }

  private void reject(String reason) {
    Log.warnf("TCP %s: closing the connection: %s", peer, reason);
    closed = true;
    socket.closeAndForget();
  }

  private void armIncompleteTimer() {
    if (incompleteTimer >= 0) {
      vertx.cancelTimer(incompleteTimer);
      incompleteTimer = -1;
    }
    if (decoder.midFrame() && !closed) {
      incompleteTimer = vertx.setTimer(config.incompleteFrameTimeout().toMillis(),
          id -> reject("no rest of the frame within " + config.incompleteFrameTimeout().toMillis() + " ms"));
    }
  }

  private void onClose() {
    closed = true;
    if (incompleteTimer >= 0) {
      vertx.cancelTimer(incompleteTimer);
    }
    inFlight.values().forEach(Cancellable::cancel);
    inFlight.clear();
  }

}
