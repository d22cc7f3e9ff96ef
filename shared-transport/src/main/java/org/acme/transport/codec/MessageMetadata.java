package org.acme.transport.codec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The metadata that travels beside a message's data: string keys to string values, Nest 12's packet {@code metadata}
 * (what {@code ClientProxy#setOnDispatchHook} writes and {@code getMetadata()} reads). One grammar for every transport,
 * so that an entry set on one hop can be passed on over any other: on Kafka, NATS, AMQP and gRPC it travels as native
 * headers, where keys and values are narrower than JSON strings.
 * <ul>
 *   <li>a key: 1 to 128 characters of HTTP's token set ({@code A-Z a-z 0-9 ! # $ % & ' * + . ^ _ ` | ~ -}); gRPC
 *       carries keys in lower case, so lower-case keys read the same everywhere;</li>
 *   <li>a value: printable ASCII, space included ({@code 0x20}–{@code 0x7E}); anything else travels encoded (percent-
 *       or base64-encoded, as W3C {@code baggage} does);</li>
 *   <li>at most {@link Limits#maxEntries()} entries and {@link Limits#maxSize()} characters of keys and values.</li>
 * </ul>
 * A message that breaks a rule is refused with an {@link InvalidMetadataException} naming the rule.
 */
public final class MessageMetadata {

  /** The longest key, in characters. */
  public static final int MAX_KEY_LENGTH = 128;
  private static final String TOKEN_SYMBOLS = "!#$%&'*+.^_`|~-";
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  /**
   * How much metadata one message may carry.
   *
   * @param maxEntries the most entries
   * @param maxSize the most characters of all keys and values together
   */
  public record Limits(int maxEntries, int maxSize) {

    /** The defaults of {@code nest.server.metadata.*}: 64 entries, 8192 characters. */
    public static final Limits DEFAULT = new Limits(64, 8192);
  }

  private MessageMetadata() {
  }

  /** The error of a message with more entries than the limit; {@code count} may be "more than 64" for a reader that stops early. */
  public static InvalidMetadataException tooManyEntries(String count, Limits limits) {
    return new InvalidMetadataException("metadata has " + count + " entries, over the limit of " + limits.maxEntries()
        + " (nest.server.metadata.max-entries)");
  }

  /** Checks one entry against the grammar; throws {@link InvalidMetadataException} naming what is wrong. */
  public static void checkEntry(String key, String value) {
    if (key == null || key.isEmpty() || key.length() > MAX_KEY_LENGTH) {
      throw new InvalidMetadataException("a metadata key must have 1 to " + MAX_KEY_LENGTH + " characters, got "
          + (key == null ? "none" : key.length()));
    }
    for (int i = 0; i < key.length(); i++) {
      char c = key.charAt(i);
      if (!(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || TOKEN_SYMBOLS.indexOf(c) >= 0)) {
        throw new InvalidMetadataException("metadata key '" + printable(key) + "' has the character " + describe(c)
            + "; keys are HTTP tokens (letters, digits and !#$%&'*+.^_`|~-)");
      }
    }
    if (value == null) {
      throw new InvalidMetadataException("metadata '" + key + "' has no value; values are strings");
    }
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c < 0x20 || c > 0x7e) {
        throw new InvalidMetadataException("metadata '" + key + "' has the character " + describe(c)
            + " in its value; values are printable ASCII (encode anything else)");
      }
    }
  }

  /** Checks a whole map: every entry, then the limits. Returns it unchanged. */
  public static Map<String, String> check(Map<String, String> metadata, Limits limits) {
    if (metadata.size() > limits.maxEntries()) {
      throw tooManyEntries(String.valueOf(metadata.size()), limits);
    }
    long size = 0;
    for (Map.Entry<String, String> entry : metadata.entrySet()) {
      checkEntry(entry.getKey(), entry.getValue());
      size += entry.getKey().length() + entry.getValue().length();
    }
    if (size > limits.maxSize()) {
      throw new InvalidMetadataException("metadata has " + size + " characters, over the limit of " + limits.maxSize()
          + " (nest.server.metadata.max-size)");
    }
    return metadata;
  }

  /**
   * A packet's {@code metadata} field as a map: absent or null gives an empty map; anything but an object of strings
   * is refused. The entry count is checked before anything is copied, so a huge object costs no more than its parse.
   */
  public static Map<String, String> fromJson(JsonNode node, Limits limits) {
    if (node == null || node.isNull() || node.isMissingNode()) {
      return Map.of();
    }
    if (!node.isObject()) {
      throw new InvalidMetadataException("metadata must be an object of strings, got " + node.getNodeType().name().toLowerCase());
    }
    if (node.size() > limits.maxEntries()) {
      throw tooManyEntries(String.valueOf(node.size()), limits);
    }
    Map<String, String> metadata = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
      Map.Entry<String, JsonNode> field = fields.next();
      if (!field.getValue().isTextual()) {
        throw new InvalidMetadataException("metadata '" + printable(field.getKey()) + "' is " + field.getValue().getNodeType().name().toLowerCase()
            + "; values are strings");
      }
      metadata.put(field.getKey(), field.getValue().textValue());
    }
    return check(metadata, limits);
  }

  /** The map as a JSON object, in its own order. */
  public static ObjectNode toJson(Map<String, String> metadata) {
    ObjectNode node = NODES.objectNode();
    metadata.forEach(node::put);
    return node;
  }

  /** Two sources of one message's metadata (headers, then the packet's field, which wins), checked as one. */
  public static Map<String, String> merge(Map<String, String> first, Map<String, String> second, Limits limits) {
    if (first.isEmpty()) {
      return second;
    }
    if (second.isEmpty()) {
      return first;
    }
    Map<String, String> merged = new LinkedHashMap<>(first);
    merged.putAll(second);
    return check(merged, limits);
  }

  private static String describe(char c) {
    return c >= 0x20 && c <= 0x7e ? "'" + c + "'" : String.format("U+%04X", (int) c);
  }

  private static String printable(String s) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < Math.min(s.length(), 64); i++) {
      char c = s.charAt(i);
      out.append(c >= 0x20 && c <= 0x7e ? c : '?');
    }
    return s.length() > 64 ? out + "…" : out.toString();
  }
}
