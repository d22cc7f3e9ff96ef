package org.acme.transport.testing;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.quarkus.arc.Arc;
import java.time.Duration;
import org.awaitility.Awaitility;
import java.util.List;
import java.util.Optional;

/**
 * The spans a service under test finished, as its test exporter holds them (a test of the service produces a
 * {@link RecentSpans} bean; Quarkus exports to every exporter bean). A test runs its calls inside a root
 * span of its own ({@link #within}), then finds the spans of that trace only, whatever else the service was doing.
 */
public final class TracedSpans {

  public static final AttributeKey<String> PATTERN = AttributeKey.stringKey("nest.pattern");
  public static final AttributeKey<String> TRANSPORT = AttributeKey.stringKey("nest.transport");

  private TracedSpans() {
  }

  /**
   * Runs the calls with a new root span current, and returns that trace's id. The spans finished before are
   * dropped, so a search sees this trace's spans among few others.
   */
  public static String within(Runnable calls) {
    exporter().reset();
    Span root = Arc.container().instance(OpenTelemetry.class).get().getTracer("test").spanBuilder("test").startSpan();
    try (Scope ignored = root.makeCurrent()) {
      calls.run();
    } finally {
      root.end();
    }
    return root.getSpanContext().getTraceId();
  }

  /** The first finished span of the trace of this kind and pattern, waited for. */
  public static SpanData await(String traceId, SpanKind kind, String pattern) {
    return Awaitility.await("a finished " + kind + " span of " + pattern + " in trace " + traceId)
        .atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20))
        .until(() -> find(traceId, kind, pattern), Optional::isPresent).orElseThrow();
  }

  public static Optional<SpanData> find(String traceId, SpanKind kind, String pattern) {
    return exporter().finished().stream()
        .filter(span -> span.getTraceId().equals(traceId) && span.getKind() == kind && pattern.equals(span.getAttributes().get(PATTERN)))
        .findFirst();
  }

  /** Every finished span of the trace. */
  public static List<SpanData> of(String traceId) {
    return exporter().finished().stream().filter(span -> span.getTraceId().equals(traceId)).toList();
  }

  private static RecentSpans exporter() {
    return Arc.container().instance(RecentSpans.class).get();
  }
}
