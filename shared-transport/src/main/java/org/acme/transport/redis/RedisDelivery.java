package org.acme.transport.redis;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import java.util.Map;
import org.acme.transport.Transport;
import org.acme.transport.codec.NestCodec;
import org.acme.transport.codec.OutgoingPacket;
import org.acme.transport.handler.ChannelDelivery;
import org.acme.transport.handler.MessageContext;

/**
 * A message on a Redis channel, for the dispatch: replies go to {@code <channel>.reply}, which every client shares,
 * so only the id finds the sender; metadata travels only in the packet.
 *
 * @param route the channel, or the glob pattern that matched it
 * @param channel the channel it was published on
 * @param payload the message as it came (the handler's raw message)
 */
record RedisDelivery(String route, String channel, String payload, RedisPublisher publisher) implements ChannelDelivery {

  @Override
  public String label() {
    return "Redis channel " + channel;
  }

  /** The channel, and a request's id (for its span). */
  @Override
  public MessageContext context(Map<String, String> metadata, JsonNode id) {
    return new MessageContext(channel, Transport.REDIS.tag(), metadata, id == null ? Map.of("channel", channel) : Map.of("channel", channel, "id", id.asText()),
        payload);
  }

  @Override
  public void replyNow(OutgoingPacket packet, JsonNode id) {
    publisher.send(channel + ".reply", NestCodec.writeReply(packet, id), sent -> {
      if (sent.failed()) {
        Log.warnf("Redis channel %s: reply to %s failed: %s", channel, id, sent.cause().getMessage());
      } else {
        nobodyListens(sent.result(), id);
      }
    });
  }

  @Override
  public Uni<Integer> reply(OutgoingPacket packet, JsonNode id) {
    // one PUBLISH after the other (the dispatch waits for each), on the publisher's one connection: a stream keeps its order
    return publisher.publish(channel + ".reply", NestCodec.writeReply(packet, id)).invoke(receivers -> nobodyListens(receivers, id));
  }

  private void nobodyListens(int receivers, JsonNode id) {
    if (receivers == 0) {
      Log.debugf("Redis channel %s: nobody listens for the reply to %s any more", channel, id);
    }
  }
}
