package org.acme.transport.codec;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The Nest packet envelopes as JSON text, in the key order Nest writes them ({@code pattern, data, id} and
 * {@code response|err, isDisposed, id}); reading never depends on key order.
 */
public final class NestCodec {

  /**
   * Also binds typed answers ({@code client.send(pattern, data, Type.class)}): a tolerant reader, as Nest's own
   * JavaScript is, so a service that adds a field to its answer does not break the clients that ignore it. Decimals
   * are read as {@link java.math.BigDecimal}, never through a double, so an amount keeps every digit it was sent with
   * (trailing zeros are dropped, as JavaScript drops them).
   */
  private static volatile ObjectMapper JSON = mapper();
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private NestCodec() {
  }

  public static ObjectMapper json() {
    return JSON;
  }

  /** Reads the wire within {@code nest.limits.*} from now on (set at start-up, by {@link BoundedJsonCustomizer}). */
  static void limit(org.acme.transport.config.LimitsConfig limits) {
    JSON = BoundedJson.apply(mapper(), limits);
  }

  private static ObjectMapper mapper() {
    return JsonMapper.builder()
        .nodeFactory(JsNumbers.INSTANCE)
        .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
        .build();
  }

  /**
   * Reads a request or event body; fails with a {@link MalformedPacketException} naming what is wrong (an
   * {@link InvalidMetadataException} when only its metadata is).
   */
  public static IncomingPacket readIncoming(String text, MessageMetadata.Limits limits) {
    return readIncoming(parse(text), limits);
  }

  /** The same, for a body already parsed. */
  public static IncomingPacket readIncoming(JsonNode body, MessageMetadata.Limits limits) {
    if (!body.isObject()) {
      throw new MalformedPacketException("a packet must be a JSON object, got " + body.getNodeType().name().toLowerCase());
    }
    JsonNode pattern = body.get("pattern");
    if (pattern == null || pattern.isNull()) {
      throw new MalformedPacketException("the packet has no pattern");
    }
    JsonNode data = body.has("data") ? body.get("data") : NODES.nullNode();
    return new IncomingPacket(pattern, data, body.get("id"), MessageMetadata.fromJson(body.get("metadata"), limits));
  }

  public static JsonNode parse(String text) {
    try {
      JsonNode node = JSON.readTree(text);
      if (node == null || node.isMissingNode()) {
        throw new MalformedPacketException("the packet is empty");
      }
      return node;
    } catch (JsonProcessingException e) {
      throw new MalformedPacketException("the packet is not valid JSON: " + e.getOriginalMessage());
    } catch (NumberFormatException e) {
      throw outOfRange(e);
    }
  }

  /**
   * Jackson reads a decimal when the tree is built, and an exponent that does not fit an int ({@code 1e999999999999999999})
   * fails there with a NumberFormatException, not a JsonProcessingException: the packet cannot be read all the same.
   */
  public static MalformedPacketException outOfRange(NumberFormatException e) {
    return new MalformedPacketException("the packet has a number out of range: " + e.getMessage());
  }

  public static JsonNode parse(byte[] utf8) {
    return parse(new String(utf8, StandardCharsets.UTF_8));
  }

  /** {@code {"pattern":…,"data":…,"id":…}}; the id is left out for events. */
  public static String writeRequest(JsonNode pattern, JsonNode data, String id) {
    return writeRequest(pattern, data, Map.of(), id);
  }

  /**
   * {@code {"pattern":…,"data":…,"metadata":{…},"id":…}}, in the order a Nest 12 client writes it (its dispatch hook
   * adds the metadata before the id is assigned); no metadata leaves the field out, as Nest 11 writes it.
   */
  public static String writeRequest(JsonNode pattern, JsonNode data, Map<String, String> metadata, String id) {
    ObjectNode body = NODES.objectNode();
    body.set("pattern", pattern);
    body.set("data", data);
    if (!metadata.isEmpty()) {
      body.set("metadata", MessageMetadata.toJson(metadata));
    }
    if (id != null) {
      body.put("id", id);
    }
    return body.toString();
  }

  /** {@code {"response"|"err":…,"isDisposed":true,"id":…}}; a null id leaves it out (RabbitMQ correlates by property). */
  public static String writeReply(OutgoingPacket packet, JsonNode id) {
    ObjectNode body = NODES.objectNode();
    if (packet.status() != null) {
      // Nest's no-handler reply: {"id":…,"status":"error","err":"…"}
      if (id != null) {
        body.set("id", id);
      }
      body.put("status", packet.status());
      body.set("err", packet.err());
      return body.toString();
    }
    if (packet.isError()) {
      body.set("err", packet.err());
    } else if (packet.response() != null) {
      body.set("response", packet.response());
    }
    if (packet.disposed()) {
      body.put("isDisposed", true);
    }
    if (id != null) {
      body.set("id", id);
    }
    return body.toString();
  }

  /**
   * Reads a reply as a Nest client does: {@code err} wins, then {@code response}/{@code isDisposed}; a body with
   * none of them came from a foreign server and is the response itself, final.
   */
  public static OutgoingPacket readReply(JsonNode body) {
    if (body.isObject() && (body.has("err") || body.has("response") || body.has("isDisposed"))) {
      JsonNode err = body.get("err");
      if (err != null && !err.isNull() && !(err.isBoolean() && !err.booleanValue())) {
        return OutgoingPacket.error(err);
      }
      boolean disposed = body.path("isDisposed").asBoolean(false);
      return new OutgoingPacket(body.get("response"), null, disposed, null);
    }
    return OutgoingPacket.value(body, true);
  }
}
