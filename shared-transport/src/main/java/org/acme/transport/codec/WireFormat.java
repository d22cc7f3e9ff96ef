package org.acme.transport.codec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.Map;

/**
 * How a message body is read and written: the seam Nest calls a deserializer (per server: {@code nest.server.rmq.format},
 * {@code nest.server.kafka.format}) and a serializer (per client: {@code nest.client.<name>.format}). Replies stay
 * Nest's: a format other than Nest's carries events only.
 */
public enum WireFormat {

  /** Nest's envelope, {@code {pattern, data, id?, metadata?}}: a request if it has an id, else an event. The default. */
  NEST {
    @Override
    public IncomingPacket read(String body, String channel, MessageMetadata.Limits limits) {
      return NestCodec.readIncoming(body, limits);
    }

    @Override
    public String writeEvent(JsonNode pattern, JsonNode data, Map<String, String> metadata) {
      return NestCodec.writeRequest(pattern, data, metadata, null);
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

    /** The data alone: the pattern goes as the channel (the routing key), the metadata where the transport has headers. */
    @Override
    public String writeEvent(JsonNode pattern, JsonNode data, Map<String, String> metadata) {
      return data.toString();
    }
  };

  /** The packet in a body that came by {@code channel}; fails with a {@link MalformedPacketException}. */
  public abstract IncomingPacket read(String body, String channel, MessageMetadata.Limits limits);

  /** The body of an event a client emits. */
  public abstract String writeEvent(JsonNode pattern, JsonNode data, Map<String, String> metadata);
}
