package org.acme.transport.kafka;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;
import org.acme.transport.codec.InvalidMetadataException;
import org.acme.transport.codec.MalformedPacketException;
import org.acme.transport.codec.MessageMetadata;
import org.acme.transport.codec.NestCodec;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/**
 * Nest's Kafka record format (wire doc §7): the pattern is the topic, the data is the whole record value, and
 * correlation travels in Spring-named headers as UTF-8 strings.
 * <p>
 * Values are written as Nest writes them (objects and arrays as JSON, strings raw, numbers and booleans as
 * their text), so Nest peers read them unchanged. Reading is better than Nest's: any value that is valid JSON is
 * parsed, not only those starting with {@code {} or {@code [}, so a Java client gets {@code 6} back as a number.
 */
final class KafkaWire {

  static final String CORRELATION_ID = "kafka_correlationId";
  static final String REPLY_TOPIC = "kafka_replyTopic";
  static final String REPLY_PARTITION = "kafka_replyPartition";
  static final String IS_DISPOSED = "kafka_nest-is-disposed";
  static final String ERR = "kafka_nest-err";
  /** On a dead letter: why the record could not be handled. */
  static final String DEAD_LETTER_REASON = "nest-dead-letter-reason";
  /** Nest's value of the disposed header: a single zero byte. */
  static final byte[] DISPOSED = {0};

  private static final Pattern LEGAL_TOPIC = Pattern.compile("[a-zA-Z0-9._-]{1,249}");
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private KafkaWire() {
  }

  /** Whether a route can be a Kafka topic; object patterns such as {@code {"cmd":"sum"}} cannot. */
  static boolean isLegalTopic(String name) {
    return LEGAL_TOPIC.matcher(name).matches() && !name.equals(".") && !name.equals("..");
  }

  static String replyTopic(String route) {
    return route + ".reply";
  }

  static String deadLetterTopic(String route) {
    return route + ".dlq";
  }

  /** Nest's encode: null stays null, text goes raw, containers as JSON, numbers and booleans as their text. */
  static byte[] encode(JsonNode value) {
    if (value == null || value.isNull() || value.isMissingNode()) {
      return null;
    }
    String text = value.isTextual() ? value.textValue() : value.isContainerNode() ? value.toString() : value.asText();
    return text.getBytes(StandardCharsets.UTF_8);
  }

  /**
   * A record value as data: null stays a JSON null, valid JSON is parsed, other text is a string. Bytes that are
   * not UTF-8 are refused, since no handler could make sense of them.
   */
  static JsonNode decode(byte[] value) {
    if (value == null) {
      return NODES.nullNode();
    }
    String text = utf8(value);
    if (text.isBlank()) {
      return NODES.textNode(text);
    }
    try {
      JsonNode node = NestCodec.json().readTree(text);
      return node == null || node.isMissingNode() ? NODES.textNode(text) : node;
    } catch (JsonProcessingException notJson) {
      return NODES.textNode(text);
    } catch (NumberFormatException outOfRange) {
      throw NestCodec.outOfRange(outOfRange);
    }
  }

  static String utf8(byte[] bytes) {
    try {
      return StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes)).toString();
    } catch (CharacterCodingException e) {
      throw new MalformedPacketException("the record value is not UTF-8 text (" + bytes.length + " bytes)");
    }
  }

  /** The last value of a header as text, or null when absent. */
  static String header(Headers headers, String name) {
    Header header = headers.lastHeader(name);
    return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
  }

  /** Nest's and Spring's correlation headers and Nest's reply flags all start with {@code kafka_}: not metadata. */
  static boolean isControlHeader(String name) {
    return name.startsWith("kafka_");
  }

  /**
   * The headers a sender put beside the value, as metadata: every header but the control ones, each read as UTF-8
   * text (the last of a repeated name wins) and checked like any metadata, so a binary value is refused.
   */
  static Map<String, String> metadata(Headers headers, MessageMetadata.Limits limits) {
    Map<String, String> metadata = new LinkedHashMap<>();
    for (Header header : headers) {
      if (!isControlHeader(header.key())) {
        if (metadata.size() >= limits.maxEntries() && !metadata.containsKey(header.key())) {
          throw MessageMetadata.tooManyEntries("more than " + limits.maxEntries(), limits);
        }
        try {
          metadata.put(header.key(), header.value() == null ? "" : utf8(header.value()));
        } catch (MalformedPacketException e) {
          throw new InvalidMetadataException("metadata '" + header.key() + "' is not UTF-8 text");
        }
      }
    }
    return MessageMetadata.check(metadata, limits);
  }

  /** Every header as text, for the handler's context; binary headers are shown as their UTF-8 reading. */
  static Map<String, String> headerMap(Headers headers) {
    Map<String, String> map = new LinkedHashMap<>();
    for (Header header : headers) {
      map.put(header.key(), header.value() == null ? "" : new String(header.value(), StandardCharsets.UTF_8));
    }
    return map;
  }

  /** Nest's error header: a string error goes as it is, anything else as JSON. */
  static byte[] encodeError(JsonNode err) {
    String text = err.isTextual() ? err.textValue() : err.toString();
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
