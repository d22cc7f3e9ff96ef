package org.acme.transport.tracing;

import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import io.quarkus.arc.lookup.LookupIfProperty;
import jakarta.inject.Singleton;
import java.util.Collection;

/**
 * The span exporter while no collector is named ({@code nest.tracing.endpoint} unset, the default):
 * it drops what it gets. Quarkus installs its OTLP exporter only when no other exporter bean is there, and would
 * otherwise send to localhost:4317 and log a failure every few seconds on a machine with no collector. Name an
 * endpoint and this bean steps aside (it is looked up only while the key is unset), so Quarkus's OTLP
 * exporter sends there ({@code quarkus.otel.exporter.otlp.traces.endpoint} follows the key). Trace context still
 * travels and spans still start either way, so logs carry trace ids.
 */
@Singleton
@LookupIfProperty(name = NoCollector.ENDPOINT_KEY, stringValue = "none", lookupIfMissing = true)
public class NoCollector implements SpanExporter {

  /** The collector's OTLP endpoint, e.g. http://collector:4317; unset: spans are exported nowhere (a value must be a URL). */
  public static final String ENDPOINT_KEY = "nest.tracing.endpoint";

  @Override
  public CompletableResultCode export(Collection<SpanData> spans) {
    return CompletableResultCode.ofSuccess();
  }

  @Override
  public CompletableResultCode flush() {
    return CompletableResultCode.ofSuccess();
  }

  @Override
  public CompletableResultCode shutdown() {
    return CompletableResultCode.ofSuccess();
  }
}
