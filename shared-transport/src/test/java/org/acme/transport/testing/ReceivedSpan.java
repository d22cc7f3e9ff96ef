package org.acme.transport.testing;

import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.Span;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One span as a service exported it over OTLP ({@link OtlpReceiver}): ids in hex as the API prints them, an empty
 * parent for a root, the attributes as text, and the spans it links to as {@code traceId/spanId}.
 */
public record ReceivedSpan(String service, String traceId, String spanId, String parentSpanId, String name, SpanKind kind,
    Map<String, String> attributes, List<String> links, long startNanos, long endNanos) {

  private static final HexFormat HEX = HexFormat.of();

  static ReceivedSpan of(String service, Span span) {
    return new ReceivedSpan(service, HEX.formatHex(span.getTraceId().toByteArray()), HEX.formatHex(span.getSpanId().toByteArray()),
        HEX.formatHex(span.getParentSpanId().toByteArray()), span.getName(), kind(span.getKind()), text(span.getAttributesList()),
        span.getLinksList().stream().map(link -> HEX.formatHex(link.getTraceId().toByteArray()) + "/" + HEX.formatHex(link.getSpanId().toByteArray()))
            .toList(),
        span.getStartTimeUnixNano(), span.getEndTimeUnixNano());
  }

  public String attribute(String key) {
    return attributes.get(key);
  }

  /** The Nest pattern of a message span ({@code nest.pattern}). */
  public String pattern() {
    return attributes.get(TracedSpans.PATTERN.getKey());
  }

  /** The transport of a message span ({@code nest.transport}). */
  public String transport() {
    return attributes.get(TracedSpans.TRANSPORT.getKey());
  }

  @Override
  public String toString() {
    return service + " " + kind + " '" + name + "' " + spanId + " <- " + (parentSpanId.isEmpty() ? "(root)" : parentSpanId)
        + (links.isEmpty() ? "" : " links " + links);
  }

  private static SpanKind kind(Span.SpanKind kind) {
    return switch (kind) {
      case SPAN_KIND_SERVER -> SpanKind.SERVER;
      case SPAN_KIND_CLIENT -> SpanKind.CLIENT;
      case SPAN_KIND_PRODUCER -> SpanKind.PRODUCER;
      case SPAN_KIND_CONSUMER -> SpanKind.CONSUMER;
      default -> SpanKind.INTERNAL;
    };
  }

  static Map<String, String> text(List<KeyValue> attributes) {
    Map<String, String> text = new LinkedHashMap<>();
    attributes.forEach(attribute -> text.put(attribute.getKey(), text(attribute.getValue())));
    return text;
  }

  private static String text(AnyValue value) {
    return switch (value.getValueCase()) {
      case STRING_VALUE -> value.getStringValue();
      case BOOL_VALUE -> String.valueOf(value.getBoolValue());
      case INT_VALUE -> String.valueOf(value.getIntValue());
      case DOUBLE_VALUE -> String.valueOf(value.getDoubleValue());
      default -> value.toString().strip();
    };
  }
}
