package org.acme.transport.tcp;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.logging.Log;
import io.vertx.core.Context;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.core.net.NetSocket;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executor;
import org.acme.transport.Transport;
import org.acme.transport.codec.IncomingPacket;
import org.acme.transport.codec.MalformedPacketException;
import org.acme.transport.codec.MessageMetadata;
import org.acme.transport.codec.NestCodec;
import org.acme.transport.codec.NestError;
import org.acme.transport.codec.OutgoingPacket;
import org.acme.transport.handler.MessageContext;
import org.acme.transport.handler.MessageRouter;

/**
 * One peer's connection. A corrupt frame (bad length, oversize, invalid JSON) closes this connection only, as
 * Nest 11.2 does; a well-framed packet that is not a valid request gets an error reply and the connection stays.
 * <p>
 * What one peer may ask of the server is bounded: at most {@code max-in-flight} requests and events handled at once
 * (beyond it the server stops reading the socket until one ends: backpressure, nothing dropped), replies pulled only
 * as fast as the peer reads them ({@link TcpReply}), a frame must be complete within {@code incomplete-frame-timeout}
 * of its first byte (a slow drip of bytes does not keep it open), and a peer that reads nothing for
 * {@code write-stall-timeout} is let go. Everything runs on the connection's event loop.
 */
final class TcpConnection {

  private final NetSocket socket;
  private final Vertx vertx;
  private final Executor loop;
  private final MessageRouter router;
  private final TcpServerConfig config;
  private final MessageMetadata.Limits limits;
  private final TcpFrameDecoder decoder;
  private final Set<TcpReply> replies = new LinkedHashSet<>();
  /** Frames read but not yet taken on: a read may bring more frames than there is room for. */
  private final Deque<String> waiting = new ArrayDeque<>();
  private final String peer;
  private final Runnable onClosed;
  private int events;
  private long frameTimer = -1;
  private long stallTimer = -1;
  private boolean readingPaused;
  private boolean closed;

  TcpConnection(NetSocket socket, Vertx vertx, MessageRouter router, TcpServerConfig config, MessageMetadata.Limits limits, Runnable onClosed) {
    this.socket = socket;
    this.vertx = vertx;
    Context context = vertx.getDelegate().getOrCreateContext();
    this.loop = command -> context.runOnContext(ignored -> command.run());
    this.router = router;
    this.config = config;
    this.limits = limits;
    this.onClosed = onClosed;
    this.decoder = new TcpFrameDecoder(config.maxFrameLength());
    this.peer = socket.remoteAddress().toString();
    socket.handler(buffer -> onBytes(buffer.getBytes()));
    socket.closeHandler(this::onClose);
    socket.exceptionHandler(e -> Log.debugf("TCP %s: %s", peer, e.getMessage()));
    socket.drainHandler(this::onDrain);
  }

  private void onBytes(byte[] bytes) {
    long framesBefore = decoder.frames();
    List<String> frames;
    try {
      frames = decoder.feed(bytes);
    } catch (MalformedPacketException e) {
      reject(e.getMessage());
      return;
    }
    waiting.addAll(frames);
    watchFrame(decoder.frames() != framesBefore);
    throttle();
  }

  /** Takes on waiting frames while there is room; stops reading the socket while there is none. */
  private void throttle() {
    while (!waiting.isEmpty() && !closed && replies.size() + events < config.maxInFlight()) {
      onFrame(waiting.poll());
    }
    boolean busy = !waiting.isEmpty() || replies.size() + events >= config.maxInFlight() || socket.writeQueueFull();
    if (busy) {
      pauseReading();
    } else if (readingPaused && !closed) {
      readingPaused = false;
      socket.resume();
    }
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
        write(OutgoingPacket.error(NestError.of(400, e.getMessage())), id);
      }
      return;
    }
    String route = packet.route();
    Map<String, Object> details = packet.isRequest() ? Map.of("remoteAddress", peer, "id", packet.id().asText()) : Map.of("remoteAddress", peer);
    MessageContext context = new MessageContext(route, Transport.TCP.tag(), packet.metadata(), details, socket);
    if (!packet.isRequest()) {
      events++;
      router.event(route, packet.data(), context).emitOn(loop).subscribe().with(ok -> eventEnded(), failure -> {
        Log.errorf(failure, "TCP %s: event failed", peer);
        eventEnded();
      });
      return;
    }
    // a plain answer made here, on the loop, goes out at once: no stream, no second trip through the loop's queue
    Optional<OutgoingPacket> now = router.requestNow(route, packet.data(), context);
    if (now.isPresent()) {
      write(now.get(), packet.id());
      return;
    }
    TcpReply reply = new TcpReply(this, packet.id());
    replies.add(reply);
    router.request(route, packet.data(), context).emitOn(loop).subscribe().withSubscriber(reply);
  }

  /** Writes a reply; false when the peer is not reading (the write queue is full): its stream waits for it. */
  boolean write(OutgoingPacket reply, JsonNode id) {
    if (closed) {
      return false;
    }
    // Vert.x's own write: the Mutiny one subscribes a Uni per reply, wrapped for context propagation, for a result
    // nobody reads (a failed write shows as the connection closing)
    socket.getDelegate().write(TcpFrameDecoder.frame(NestCodec.writeReply(reply, id)));
    if (!socket.writeQueueFull()) {
      return true;
    }
    if (stallTimer < 0) {
      stallTimer = vertx.setTimer(config.writeStallTimeout().toMillis(),
          timer -> reject("the peer read nothing for " + config.writeStallTimeout().toMillis() + " ms"));
    }
    pauseReading();
    return false;
  }

  void ended(TcpReply reply) {
    replies.remove(reply);
    throttle();
  }

  private void eventEnded() {
    events--;
    throttle();
  }

  private void onDrain() {
    if (stallTimer >= 0) {
      vertx.cancelTimer(stallTimer);
      stallTimer = -1;
    }
    List.copyOf(replies).forEach(TcpReply::drained);
    throttle();
  }

  private void pauseReading() {
    if (!readingPaused) {
      readingPaused = true;
      socket.pause();
    }
  }

  /** One deadline per frame, from its first byte: bytes that trickle in do not move it. */
  private void watchFrame(boolean framesEnded) {
    if (framesEnded && frameTimer >= 0) {
      vertx.cancelTimer(frameTimer);
      frameTimer = -1;
    }
    if (decoder.midFrame() && frameTimer < 0 && !closed) {
      frameTimer = vertx.setTimer(config.incompleteFrameTimeout().toMillis(),
          timer -> reject("no rest of the frame within " + config.incompleteFrameTimeout().toMillis() + " ms of its start"));
    } else if (!decoder.midFrame() && frameTimer >= 0) {
      vertx.cancelTimer(frameTimer);
      frameTimer = -1;
    }
  }

  private void reject(String reason) {
    if (closed) {
      return;
    }
    Log.warnf("TCP %s: closing the connection: %s", peer, reason);
    closed = true;
    socket.closeAndForget();
  }

  private void onClose() {
    closed = true;
    for (long timer : new long[] {frameTimer, stallTimer}) {
      if (timer >= 0) {
        vertx.cancelTimer(timer);
      }
    }
    List.copyOf(replies).forEach(TcpReply::cancel);
    replies.clear();
    waiting.clear();
    onClosed.run();
  }
}
