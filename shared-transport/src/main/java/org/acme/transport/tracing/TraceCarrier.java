package org.acme.transport.tracing;

import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapSetter;
import java.util.Map;
import java.util.Set;

/** Message metadata as the carrier of W3C trace context: a string map, which every transport carries. */
final class TraceCarrier {

  /** The entries trace context takes (W3C Trace Context and Baggage). */
  static final Set<String> KEYS = Set.of("traceparent", "tracestate", "baggage");

  static final TextMapGetter<Map<String, String>> GETTER = new TextMapGetter<>() {
    @Override
    public Iterable<String> keys(Map<String, String> carrier) {
      return carrier.keySet();
    }

    @Override
    public String get(Map<String, String> carrier, String key) {
      return carrier == null ? null : carrier.get(key);
    }
  };

  static final TextMapSetter<Map<String, String>> SETTER = (carrier, key, value) -> {
    if (carrier != null) {
      carrier.put(key, value);
    }
  };

  private TraceCarrier() {
  }

  static boolean carriesTrace(Map<String, String> metadata) {
    return KEYS.stream().anyMatch(metadata::containsKey);
  }
}
