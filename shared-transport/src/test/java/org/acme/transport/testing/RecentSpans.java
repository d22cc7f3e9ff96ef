package org.acme.transport.testing;

import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;
import java.util.List;

/**
 * The tests' span exporter (a service's test produces one as a bean; Quarkus exports every finished span to each
 * exporter bean): the most recent {@link #KEPT} finished spans, for {@link TracedSpans} to read. Bounded, because a
 * service under test finishes a span for every message it handles (a fuzz run sends ten thousand), and the heap
 * checks of those runs measure what the service keeps, not what the test's exporter does.
 */
public final class RecentSpans implements SpanExporter {

  static final int KEPT = 500;
  private final Deque<SpanData> spans = new ArrayDeque<>();

  @Override
  public synchronized CompletableResultCode export(Collection<SpanData> finished) {
    for (SpanData span : finished) {
      spans.addLast(span);
      if (spans.size() > KEPT) {
        spans.removeFirst();
      }
    }
    return CompletableResultCode.ofSuccess();
  }

  public synchronized List<SpanData> finished() {
    return List.copyOf(spans);
  }

  public synchronized void reset() {
    spans.clear();
  }

  @Override
  public CompletableResultCode flush() {
    return CompletableResultCode.ofSuccess();
  }

  @Override
  public CompletableResultCode shutdown() {
    reset();
    return CompletableResultCode.ofSuccess();
  }
}
