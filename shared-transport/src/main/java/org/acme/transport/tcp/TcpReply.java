package org.acme.transport.tcp;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.subscription.MultiSubscriber;
import java.util.concurrent.Flow;
import org.acme.transport.codec.OutgoingPacket;

/**
 * One request's replies, pulled one at a time: the next is asked of the handler only once the last is written and
 * the peer reads (the socket's write queue is not full). A {@code count} of ten thousand to a peer that never reads
 * then costs one reply in memory, not ten thousand. Runs on the connection's event loop.
 */
final class TcpReply implements MultiSubscriber<OutgoingPacket> {

  private final TcpConnection connection;
  private final JsonNode id;
  private Flow.Subscription subscription;
  private boolean waiting;

  TcpReply(TcpConnection connection, JsonNode id) {
    this.connection = connection;
    this.id = id;
  }

  @Override
  public void onSubscribe(Flow.Subscription subscription) {
    this.subscription = subscription;
    subscription.request(1);
  }

  @Override
  public void onItem(OutgoingPacket packet) {
    if (connection.write(packet, id)) {
      subscription.request(1);
    } else {
      waiting = true;
    }
  }

  /** The peer read again: the next reply may come. */
  void drained() {
    if (waiting) {
      waiting = false;
      subscription.request(1);
    }
  }

  boolean waiting() {
    return waiting;
  }

  void cancel() {
    if (subscription != null) {
      subscription.cancel();
    }
  }

  @Override
  public void onFailure(Throwable failure) {
    Log.errorf(failure, "TCP: reply to %s failed", id);
    connection.ended(this);
  }

  @Override
  public void onCompletion() {
    connection.ended(this);
  }
}
