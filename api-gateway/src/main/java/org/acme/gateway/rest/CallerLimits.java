package org.acme.gateway.rest;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.Json;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.acme.gateway.config.GatewayConfig;

/**
 * What one caller may ask of the gateway, before any of it reaches a route: a body of at most
 * {@code gateway.limits.body} bytes (413), {@code rate} requests per second with a {@code burst} above it, and
 * {@code concurrency} requests in flight at once (429 with Retry-After). A caller is its address (the forwarded one
 * behind a proxy that Quarkus is told to trust). Health and metrics are not limited: they are served on the
 * management interface, whose router this filter is not on. So one caller's flood of {@code never} or of oversized
 * orders waits in its own line, not in everyone's.
 */
@Singleton
public class CallerLimits {

  /** Callers kept at most; the idle ones are forgotten first. */
  private static final int CALLERS = 10_000;

  private final GatewayConfig.Limits limits;
  private final MeterRegistry meters;
  private final Map<String, Caller> callers = new ConcurrentHashMap<>();

  CallerLimits(GatewayConfig config, MeterRegistry meters) {
    this.limits = config.limits();
    this.meters = meters;
  }

  /** One caller's token bucket and requests in flight; synchronized on itself. */
  private static final class Caller {
    double tokens;
    long refilled = System.nanoTime();
    int inFlight;
  }

  void register(@Observes Filters filters) {
    // early, before the body is read and before any route
    filters.register(this::check, 1000);
  }

  private void check(RoutingContext context) {
    String length = context.request().getHeader(HttpHeaders.CONTENT_LENGTH);
    if (length != null && parse(length) > limits.body()) {
      refuse(context, 413, "the body has " + length + " bytes, over the limit of " + limits.body() + " (gateway.limits.body)", null);
      return;
    }
    String address = context.request().remoteAddress() == null ? "?" : context.request().remoteAddress().host();
    if (callers.size() > CALLERS) {
      callers.entrySet().removeIf(e -> e.getValue().inFlight == 0);
    }
    Caller caller = callers.computeIfAbsent(address, a -> fresh());
    synchronized (caller) {
      long now = System.nanoTime();
      caller.tokens = Math.min(limits.burst(), caller.tokens + (now - caller.refilled) / 1e9 * limits.rate());
      caller.refilled = now;
      if (caller.tokens < 1) {
        long wait = (long) Math.ceil((1 - caller.tokens) / limits.rate());
        refuse(context, 429, "more than " + limits.rate() + " requests a second (gateway.limits.rate); slow down", Math.max(wait, 1));
        return;
      }
      if (caller.inFlight >= limits.concurrency()) {
        refuse(context, 429, limits.concurrency() + " requests in flight already (gateway.limits.concurrency); wait for one", 1L);
        return;
      }
      caller.tokens -= 1;
      caller.inFlight++;
    }
    context.addEndHandler(done -> {
      synchronized (caller) {
        caller.inFlight--;
      }
    });
    context.next();
  }

  private Caller fresh() {
    Caller caller = new Caller();
    caller.tokens = limits.burst();
    return caller;
  }

  private void refuse(RoutingContext context, int status, String detail, Long retryAfterSeconds) {
    meters.counter("gateway.refused", "status", String.valueOf(status)).increment();
    var response = context.response().setStatusCode(status).putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE);
    if (retryAfterSeconds != null) {
      response.putHeader("Retry-After", String.valueOf(retryAfterSeconds));
    }
    // the body is refused unread: close the connection rather than read what the caller still sends
    if (status == 413) {
      response.putHeader(HttpHeaders.CONNECTION, "close");
    }
    response.end(Json.encode(Problem.of(status, detail)));
  }

  private static long parse(String length) {
    try {
      return Long.parseLong(length.trim());
    } catch (NumberFormatException e) {
      return Long.MAX_VALUE;
    }
  }
}
