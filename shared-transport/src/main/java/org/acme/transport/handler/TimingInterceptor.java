package org.acme.transport.handler;

import com.fasterxml.jackson.databind.JsonNode;
import io.opentelemetry.api.trace.Span;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Multi;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.acme.transport.config.TimingConfig;
import org.jboss.logging.Logger.Level;

/**
 * The interceptor shipped as the example: one log line per handled message, with its pattern, transport, outcome
 * ({@link Outcome}), duration, the number of values answered and the trace id (to find the trace; the MDC has it too
 * when the line is written on the handler's thread). Never the payload: it can hold what a log must not. DEBUG when
 * all went well, INFO when it failed or took longer than {@code nest.timing.slow}. Use it with
 * {@code @UseInterceptors(TimingInterceptor.class)}, or on every handler with a {@link GlobalInterceptor} subclass.
 */
@Singleton
public class TimingInterceptor implements Interceptor {

  private final Duration slow;

  public TimingInterceptor(TimingConfig config) {
    this.slow = config.slow();
  }

  @Override
  public Multi<?> intercept(JsonNode data, MessageContext context, CallHandler next) {
    long started = System.nanoTime();
    // read now, with the message's span current; the end may come on another thread
    String traceId = Span.current().getSpanContext().getTraceId();
    AtomicLong values = new AtomicLong();
    return next.handle()
        .onItem().invoke(values::incrementAndGet)
        .onTermination().invoke((failure, cancelled) -> log(context, Outcome.of(failure, cancelled), Duration.ofNanos(System.nanoTime() - started),
            values.get(), traceId));
  }

  private void log(MessageContext context, Outcome outcome, Duration took, long values, String traceId) {
    Level level = outcome == Outcome.FAILED || took.compareTo(slow) > 0 ? Level.INFO : Level.DEBUG;
    Log.logf(level, "%s over %s: %s in %.3f ms, %d value(s), trace %s", context.pattern(), context.transport(), outcome, took.toNanos() / 1e6,
        values, traceId);
  }
}
