package org.acme.transport.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.zip.GZIPInputStream;

/**
 * A trace collector in the test's JVM: an OTLP/HTTP (protobuf) endpoint on a free loopback port that keeps the most
 * recent {@value #KEPT} spans it is sent. Services run as processes ({@link ServiceProcess}) export to it when given
 * {@link #exportingHere()}, so a test sees one trace across all of them as a trace UI would.
 */
public final class OtlpReceiver implements AutoCloseable {

  static final int KEPT = 20_000;
  private final Deque<ReceivedSpan> spans = new ArrayDeque<>();
  private final HttpServer server;

  private OtlpReceiver(HttpServer server) {
    this.server = server;
  }

  public static OtlpReceiver start() {
    try {
      HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
      OtlpReceiver receiver = new OtlpReceiver(server);
      // Quarkus posts to <endpoint>/v1/traces; any path is taken
      server.createContext("/", receiver::receive);
      server.setExecutor(Executors.newSingleThreadExecutor(Thread.ofPlatform().daemon().name("otlp-receiver").factory()));
      server.start();
      return receiver;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The properties that make a Quarkus service of this project export its spans here, at once rather than every 5 s. */
  public Map<String, String> exportingHere() {
    return Map.of("nest.tracing.endpoint", "http://127.0.0.1:" + server.getAddress().getPort(),
        "quarkus.otel.exporter.otlp.traces.protocol", "http/protobuf",
        "quarkus.otel.bsp.schedule.delay", "50ms");
  }

  /** Every span received of this trace (hex id). */
  public synchronized List<ReceivedSpan> trace(String traceId) {
    return spans.stream().filter(span -> span.traceId().equals(traceId)).toList();
  }

  /** Every span received and still kept. */
  public synchronized List<ReceivedSpan> spans() {
    return List.copyOf(spans);
  }

  private void receive(HttpExchange exchange) throws IOException {
    try (exchange) {
      if (!"POST".equals(exchange.getRequestMethod())) {
        exchange.sendResponseHeaders(405, -1);
        return;
      }
      ExportTraceServiceRequest request;
      try (InputStream body = "gzip".equalsIgnoreCase(exchange.getRequestHeaders().getFirst("Content-Encoding"))
          ? new GZIPInputStream(exchange.getRequestBody()) : exchange.getRequestBody()) {
        request = ExportTraceServiceRequest.parseFrom(body);
      }
      keep(request);
      byte[] answer = ExportTraceServiceResponse.getDefaultInstance().toByteArray();
      exchange.getResponseHeaders().set("Content-Type", "application/x-protobuf");
      exchange.sendResponseHeaders(200, answer.length == 0 ? -1 : answer.length);
      exchange.getResponseBody().write(answer);
    }
  }

  private synchronized void keep(ExportTraceServiceRequest request) {
    for (ResourceSpans resource : request.getResourceSpansList()) {
      String service = ReceivedSpan.text(resource.getResource().getAttributesList()).getOrDefault("service.name", "?");
      for (ScopeSpans scope : resource.getScopeSpansList()) {
        scope.getSpansList().forEach(span -> {
          spans.addLast(ReceivedSpan.of(service, span));
          if (spans.size() > KEPT) {
            spans.removeFirst();
          }
        });
      }
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
