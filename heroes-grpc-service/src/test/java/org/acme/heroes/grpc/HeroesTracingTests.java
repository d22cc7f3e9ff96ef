package org.acme.heroes.grpc;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.quarkus.grpc.GrpcClient;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.acme.contracts.hero.HeroById;
import org.acme.contracts.hero.HeroesServiceGrpc;
import org.acme.heroes.FreeGrpcPort;
import org.acme.transport.testing.TracedSpans;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.acme.transport.testing.RecentSpans;

/**
 * gRPC is traced by Quarkus's own instrumentation (the OpenTelemetry extension's client and server interceptors),
 * with trace context in the call's metadata as the other transports carry it: a call from a Quarkus gRPC client,
 * as the gateway's, is a CLIENT span and the service's SERVER span its child, in one trace.
 */
@QuarkusTest
@WithTestResource(FreeGrpcPort.class)
class HeroesTracingTests {

  private static final AttributeKey<String> RPC_METHOD = AttributeKey.stringKey("rpc.method");

  @GrpcClient("heroes")
  HeroesServiceGrpc.HeroesServiceBlockingStub heroes;

  @Test
  void aCallIsAClientSpanAndItsServerSpanInOneTrace() {
    String trace = TracedSpans.within(() -> heroes.findOne(HeroById.newBuilder().setId(1).build()));
    SpanData client = span(trace, SpanKind.CLIENT);
    SpanData server = span(trace, SpanKind.SERVER);
    assertThat(server.getParentSpanId()).isEqualTo(client.getSpanId());
    assertThat(server.getAttributes().get(AttributeKey.stringKey("rpc.system"))).isEqualTo("grpc");
    assertThat(server.getAttributes().get(AttributeKey.stringKey("rpc.service"))).isEqualTo("hero.HeroesService");
  }

  private static SpanData span(String trace, SpanKind kind) {
    return Awaitility.await("a " + kind + " FindOne span in trace " + trace).atMost(Duration.ofSeconds(10))
        .until(() -> first(TracedSpans.of(trace), kind), Optional::isPresent).orElseThrow();
  }

  private static Optional<SpanData> first(List<SpanData> spans, SpanKind kind) {
    return spans.stream().filter(span -> span.getKind() == kind && "FindOne".equals(span.getAttributes().get(RPC_METHOD))).findFirst();
  }

  /** Quarkus exports every finished span to each exporter bean: this one keeps them for the test to read. */
  static class Spans {
    @Produces
    @Singleton
    static RecentSpans exporter() {
      return new RecentSpans();
    }
  }
}
