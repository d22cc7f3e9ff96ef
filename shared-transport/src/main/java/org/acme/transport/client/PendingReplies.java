package org.acme.transport.client;

import com.fasterxml.jackson.databind.JsonNode;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.subscription.MultiEmitter;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.acme.transport.Transport;
import org.acme.transport.codec.OutgoingPacket;
import org.acme.transport.tracing.MessageTracing;

/**
 * Requests in flight, by id, for clients that multiplex many requests over one connection or reply channel. A
 * reply packet is routed to its request by id, values are emitted, and the request ends on {@code isDisposed} or
 * {@code err}; replies for unknown ids (another client's, or late) are dropped, as Nest does.
 */
public final class PendingReplies {

  private final Map<String, MultiEmitter<? super JsonNode>> pending = new ConcurrentHashMap<>();
  private final String transport;

  public PendingReplies(Transport transport) {
    this.transport = transport.tag();
  }

  /**
   * A request's replies: {@code send} is called with the id once the caller subscribes, and the stream fails with
   * {@link DeadlineExceededException} if the next reply does not come within the deadline (at once, unsent, when
   * nothing is left of it).
   */
  public Multi<JsonNode> request(String id, String pattern, Duration deadline, Consumer<String> send) {
    if (deadline.isNegative() || deadline.isZero()) {
      // the caller's budget is spent already: the server would not start it, so it is not sent
      return Multi.createFrom().failure(new DeadlineExceededException(transport, pattern, Duration.ZERO));
    }
    Multi<JsonNode> replies = Multi.createFrom().emitter(emitter -> {
      pending.put(id, emitter);
      // every client names its request here, inside the span TracedClient made current for the subscription
      MessageTracing.messageId(id);
      emitter.onTermination(() -> pending.remove(id));
      try {
        send.accept(id);
      } catch (RuntimeException e) {
        emitter.fail(e);
      }
    });
    // For a stream the deadline applies to each next value: a long stream is fine, a stalled one is not.
    return replies.ifNoItem().after(deadline).failWith(() -> new DeadlineExceededException(transport, pattern, deadline));
  }

  /** Fails one request, e.g. when its publish was refused. */
  public void fail(String id, Throwable failure) {
    MultiEmitter<? super JsonNode> emitter = pending.remove(id);
    if (emitter != null) {
      emitter.fail(failure);
    }
  }

  /** Fails every request in flight, e.g. when the connection closes. */
  public void failAll(Throwable failure) {
    pending.keySet().forEach(id -> fail(id, failure));
  }

  public boolean isPending(String id) {
    return pending.containsKey(id);
  }

  /** Delivers a reply packet to its request; returns false when no such request is waiting. */
  public boolean accept(String id, OutgoingPacket packet) {
    MultiEmitter<? super JsonNode> emitter = pending.get(id);
    if (emitter == null) {
      return false;
    }
    if (packet.isError()) {
      pending.remove(id);
      emitter.fail(new RemoteException(packet.err()));
      return true;
    }
    if (packet.response() != null) {
      emitter.emit(packet.response());
    }
    if (packet.disposed()) {
      pending.remove(id);
      emitter.complete();
    }
    return true;
  }
}
