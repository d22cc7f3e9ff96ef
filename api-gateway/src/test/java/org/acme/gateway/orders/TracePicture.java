package org.acme.gateway.orders;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.acme.transport.testing.NestPeers;
import org.acme.transport.testing.NodeScripts;
import org.acme.transport.testing.ReceivedSpan;
import org.acme.transport.testing.Tools;

/**
 * One order's trace drawn as a waterfall ({@code src/test/web/trace-picture.mjs} in headless Chromium), the picture
 * the README shows (copied from {@code target/web/order-trace.png} to {@code docs/images}). No trace UI image can be
 * pulled here, so this stands in for Jaeger's view of the same spans.
 */
final class TracePicture {

  private static final Duration DEADLINE = Duration.ofSeconds(60);

  private TracePicture() {
  }

  /** Draws the trace; fails unless every span was drawn. */
  static Path draw(SagaTrace trace) {
    String chromium = Tools.require("chromium", "apt-get install chromium (./dev test does it when run as root).");
    Path web = NestPeers.repoRoot().resolve("api-gateway/src/test/web");
    NodeScripts.ensureInstalled(web);
    Path out = Path.of("target", "web").toAbsolutePath();
    Path json = out.resolve("order-trace.json");
    Path png = out.resolve("order-trace.png");
    try {
      Files.createDirectories(out);
      new ObjectMapper().writerWithDefaultPrettyPrinter().writeValue(json.toFile(),
          Map.of("orderId", trace.orderId(), "spans", trace.spans().stream().map(TracePicture::row).toList()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    NodeScripts.Result run = NodeScripts.exec(web, Map.of("TRACE_JSON", json.toString(), "TRACE_OUT", png.toString(),
        "CHROMIUM", chromium), DEADLINE, List.of("node", "trace-picture.mjs"));
    assertThat(run.exitCode()).as("trace-picture.mjs:%n%s%s", run.stderr(), run.stdout()).isZero();
    assertThat(run.stdout()).contains("drew " + trace.spans().size() + " spans");
    return png;
  }

  private static Map<String, Object> row(ReceivedSpan span) {
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("service", span.service());
    row.put("spanId", span.spanId());
    row.put("parentSpanId", span.parentSpanId());
    row.put("name", span.name());
    row.put("kind", span.kind().name().toLowerCase());
    row.put("transport", Objects.requireNonNullElse(span.transport(), ""));
    // as text: nanoseconds since 1970 do not fit a JavaScript number exactly
    row.put("startNanos", String.valueOf(span.startNanos()));
    row.put("endNanos", String.valueOf(span.endNanos()));
    return row;
  }
}
