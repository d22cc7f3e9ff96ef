package org.acme.transport.codec;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.Map;

/**
 * How a server reads a message body: the seam Nest calls a deserializer, one per server, chosen by configuration
 * ({@code nest.server.rmq.format}). Reading is where formats differ; replies stay Nest's.
 */
public enum WireFormat {

  /** Nest's envelope, {@code {pattern, data, id?, metadata?}}: a request if it has an id, else an event. The default. */
  NEST {
    @Override
    public IncomingPacket read(String body, String channel, MessageMetadata.Limits limits) {
      return NestCodec.readIncoming(body, limits);
    }
  },

  /**
   * A plain JSON body from a producer that knows nothing of Nest: the body is the handler's data and the pattern is
   * the channel it came by (the routing key on RabbitMQ). Always an event: such a producer has no envelope to find an
   * answer in, and one that wants answers can speak Nest's format. A body that is not JSON is malformed, as in Nest's
   * format (dead-lettered on RabbitMQ), under the same limits.
   */
  RAW {
    @Override
    public IncomingPacket read(String body, String channel, MessageMetadata.Limits limits) {
      return new IncomingPacket(JsonNodeFactory.instance.textNode(channel), NestCodec.parse(body), null, Map.of());
    }
  };

  /** The packet in a body that came by {@code channel}; fails with a {@link MalformedPacketException}. */
  public abstract IncomingPacket read(String body, String channel, MessageMetadata.Limits limits);
}
