package org.acme.transport.codec;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * NestJS's {@code transformPatternToRoute} (11.2+), byte for byte: a string stays as it is, a number uses
 * JavaScript's formatting, an object becomes {@code {"k":v,...}} with keys in {@code localeCompare} order, no
 * whitespace, {@code \} and {@code "} escaped, arrays treated as objects keyed "0", "1", ..., depth above 5
 * giving {@code [MAX_DEPTH_REACHED]} and more than 20 keys {@code [TOO_MANY_KEYS]}.
 */
public final class PatternRoutes {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int MAX_DEPTH = 5;
  private static final int MAX_KEYS = 20;

  private PatternRoutes() {
  }

  /**
   * The route of a pattern given as text, as a Nest server looks it up: text that parses as JSON is
   * normalised ({@code {"cmd":"sum"}} in any key order, {@code 42}), anything else is the route itself.
   */
  public static String route(String pattern) {
    if (pattern.isEmpty() || "{[0123456789-tfn".indexOf(pattern.charAt(0)) < 0) {
      return pattern;
    }
    try {
      return route(JSON.readTree(pattern));
    } catch (JsonProcessingException notJson) {
      return pattern;
    }
  }

  /** The route of a pattern as it travels in a packet body. */
  public static String route(JsonNode pattern) {
    return transform(pattern, 0);
  }

  /** The pattern as a JSON value for a packet body: object patterns go as objects, strings as strings. */
  public static JsonNode asJson(String pattern) {
    if (pattern.startsWith("{") || pattern.startsWith("[")) {
      try {
        return JSON.readTree(pattern);
      } catch (JsonProcessingException notJson) {
        // a string that only looks like an object: it goes as it is
      }
    }
    return JSON.getNodeFactory().textNode(pattern);
  }

  private static String transform(JsonNode node, int depth) {
    if (node == null || node.isMissingNode()) {
      return "undefined";
    }
    if (node.isTextual()) {
      return node.textValue();
    }
    if (node.isNumber()) {
      return jsNumber(node);
    }
    if (!node.isContainerNode()) {
      return node.toString(); // true, false, null
    }
    if (depth > MAX_DEPTH) {
      return "[MAX_DEPTH_REACHED]";
    }
    if (node.size() > MAX_KEYS) {
      // checked before anything is copied: a pattern of a million keys costs no more than one of twenty-one
      return "[TOO_MANY_KEYS]";
    }
    List<Map.Entry<String, JsonNode>> entries = new ArrayList<>();
    if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        entries.add(Map.entry(Integer.toString(i), node.get(i)));
      }
    } else {
      node.fields().forEachRemaining(entries::add);
    }
    entries.sort((a, b) -> RouteCollation.INSTANCE.compare(a.getKey(), b.getKey()));
    StringBuilder out = new StringBuilder("{");
    for (int i = 0; i < entries.size(); i++) {
      if (i > 0) {
        out.append(',');
      }
      JsonNode value = entries.get(i).getValue();
      out.append('"').append(escape(entries.get(i).getKey())).append("\":");
      if (value.isTextual()) {
        out.append('"').append(escape(value.textValue())).append('"');
      } else {
        out.append(transform(value, depth + 1));
      }
    }
    return out.append('}').toString();
  }

  private static String escape(String s) {
    return s.replace("\\", "\\\\").replace("\"", "\\\"");
  }

  /** JavaScript's Number#toString for the values a pattern holds in practice. */
  static String jsNumber(JsonNode number) {
    if (number.isIntegralNumber() && number.canConvertToLong()) {
      return Long.toString(number.longValue());
    }
    double d = number.doubleValue();
    if (Double.isNaN(d)) {
      return "NaN";
    }
    if (Double.isInfinite(d)) {
      return d > 0 ? "Infinity" : "-Infinity";
    }
    if (d == Math.rint(d) && Math.abs(d) < 1e21) {
      return new BigDecimal(d).toPlainString();
    }
    double abs = Math.abs(d);
    if (abs >= 1e-6 && abs < 1e21) {
      return new BigDecimal(Double.toString(d)).stripTrailingZeros().toPlainString();
    }
    String[] parts = new BigDecimal(Double.toString(d)).stripTrailingZeros().toString().toLowerCase().split("e");
    String exponent = parts[1].startsWith("-") ? parts[1] : "+" + parts[1].replace("+", "");
    return parts[0] + "e" + exponent;
  }
}
