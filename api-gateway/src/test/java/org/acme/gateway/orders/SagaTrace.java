package org.acme.gateway.orders;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.trace.SpanKind;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;
import org.acme.transport.testing.OtlpReceiver;
import org.acme.transport.testing.ReceivedSpan;

/**
 * The spans of one order's trace as the collector has them from every process: found by the order id its saga steps
 * carry ({@code order.id}), then read hop by hop: a hop is a span of one service, kind and Nest pattern (or name).
 */
record SagaTrace(String orderId, List<ReceivedSpan> spans) {

  /** The order's trace as received so far (empty until a saga step of it is in). */
  static SagaTrace of(OtlpReceiver receiver, String orderId) {
    Optional<String> traceId = receiver.spans().stream().filter(span -> orderId.equals(span.attribute("order.id")))
        .map(ReceivedSpan::traceId).findFirst();
    return new SagaTrace(orderId, traceId.map(receiver::trace).orElse(List.of()));
  }

  /** The one span of this service, kind and pattern; fails, listing the trace, when there is none or more than one. */
  ReceivedSpan hop(String service, SpanKind kind, String transport, String pattern) {
    List<ReceivedSpan> found = all(service, kind, pattern);
    assertThat(found).as("%s %s %s in %s", service, kind, pattern, this).hasSize(1);
    assertThat(found.get(0).transport()).as("transport of %s", found.get(0)).isEqualTo(transport);
    return found.get(0);
  }

  List<ReceivedSpan> all(String service, SpanKind kind, String pattern) {
    return spans.stream().filter(span -> span.service().equals(service) && span.kind() == kind && pattern.equals(span.pattern())).toList();
  }

  /** The spans of this service with this name (saga steps). */
  List<ReceivedSpan> named(String service, String name) {
    return spans.stream().filter(span -> span.service().equals(service) && span.name().equals(name)).toList();
  }

  /** The trace's roots: a whole trace has one, and every other span's parent is in it. */
  List<ReceivedSpan> roots() {
    return spans.stream().filter(span -> span.parentSpanId().isEmpty() || spans.stream().noneMatch(p -> p.spanId().equals(span.parentSpanId())))
        .toList();
  }

  /** Asserts that {@code child}'s parent is {@code parent}. */
  static void childOf(ReceivedSpan child, ReceivedSpan parent) {
    assertThat(child.parentSpanId()).as("the parent of %s is %s", child, parent).isEqualTo(parent.spanId());
  }

  /** Asserts that {@code ancestor} is above {@code span}, however many spans between. */
  void below(ReceivedSpan span, ReceivedSpan ancestor) {
    ReceivedSpan at = span;
    while (at != null && !at.spanId().equals(ancestor.spanId())) {
      String parent = at.parentSpanId();
      at = spans.stream().filter(candidate -> candidate.spanId().equals(parent)).findFirst().orElse(null);
    }
    assertThat(at).as("%s is below %s in %s", span, ancestor, this).isNotNull();
  }

  @Override
  public String toString() {
    return "trace of " + orderId + ":\n  " + spans.stream().map(Objects::toString).collect(Collectors.joining("\n  "));
  }
}
