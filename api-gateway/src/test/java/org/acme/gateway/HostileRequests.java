package org.acme.gateway;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.acme.transport.testing.FuzzFrames;
import org.acme.transport.testing.TestTokens;

/**
 * Hostile HTTP requests for every route of the gateway's JAX-RS resources, from {@link FuzzFrames}: the route's method
 * or another, its body or a hostile one (number bombs, deep nesting, over the body limit, invalid UTF-8, noise) under
 * any content type, odd path parameters, query parameters and headers. Some are valid, so that the routes behind the
 * validation (the services, the saga) are fuzzed too.
 */
final class HostileRequests {

  /** A route as the resources declare it; {@code {id}} is a path parameter. */
  record Route(String method, String path, String validBody) {

    /** Slow by design when asked right: never waits for its deadline, a stream of heroes takes a second. */
    boolean slow() {
      return path.endsWith("/never") || path.endsWith("/heroes/stream");
    }
  }

  static final List<Route> ROUTES = List.of(
      new Route("POST", "/api/math/sum", "[1,2,3]"),
      new Route("POST", "/api/math/multiply", "{\"a\":6,\"b\":7}"),
      new Route("GET", "/api/math/count", null),
      new Route("POST", "/api/math/protected", "{\"token\":\"secret-token\"}"),
      new Route("GET", "/api/math/admin", null),
      new Route("POST", "/api/math/data", "{\"x\":1}"),
      new Route("GET", "/api/math/context", null),
      new Route("GET", "/api/math/users-seen", null),
      new Route("GET", "/api/math/never", null),
      new Route("POST", "/api/users", "{\"userId\":\"fuzz\",\"email\":\"fuzz@example.com\"}"),
      new Route("POST", "/api/orders", "{\"customerId\":\"fuzz\",\"items\":[{\"sku\":\"widget\",\"quantity\":1}],\"payment\":{\"method\":\"card\"}}"),
      new Route("GET", "/api/orders/{id}", null),
      new Route("GET", "/api/orders/{id}/status", null),
      new Route("GET", "/api/inventory", null),
      new Route("GET", "/api/inventory/{id}", null),
      new Route("GET", "/api/payments/{id}", null),
      new Route("GET", "/api/heroes", null),
      new Route("GET", "/api/heroes/{id}", null),
      new Route("GET", "/api/heroes/stream", null));

  private static final List<String> METHODS = List.of("GET", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "HEAD", "TRACE", "FOO");
  private static final List<String> IDS = List.of("1", "0", "-1", "7", "2147483648", "abc", "widget", "gizmo", "%00", "%2e%2e%2f", "%F0%9F%98%80",
      "null", "1e10", "%20", "ord-00000000-0000-0000-0000-000000000000", "x".repeat(300), "a%2Fb");
  private static final List<String> CONTENT_TYPES = List.of("application/json", "application/json", "application/json", "text/plain",
      "application/xml", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "application/json; charset=utf-16",
      "application/json; charset=ISO-8859-1", "*/*", "application/problem+json", "text/event-stream");
  private static final List<String> ACCEPTS = List.of("application/json", "text/event-stream", "*/*", "application/xml", "text/html", "x/y;q=abc");
  private static final List<String> TRANSPORTS = List.of("tcp", "redis", "nats", "mqtt", "rmq", "kafka", "pigeon", "", "TCP", "tcp,nats",
      "x".repeat(2000));

  private final FuzzFrames fuzz;
  private final URI base;
  private final Duration timeout;
  /** Bearer tokens: a valid one (customer "fuzz", the orders' valid body's), an admin's, a forged one, garbage. */
  private final List<String> tokens;

  HostileRequests(FuzzFrames fuzz, URI base, Duration timeout) {
    this.fuzz = fuzz;
    this.base = base;
    this.timeout = timeout;
    this.tokens = List.of(TestTokens.token("fuzz", "customer"), TestTokens.token("fuzz", "customer", "admin"),
        TestTokens.forgedToken("fuzz"), "not.a.token", "");
  }

  /** The route of the next request, and the request; {@code knownIds} are ids the gateway gave out (orders). */
  Map.Entry<Route, HttpRequest> next(List<String> knownIds) {
    Route route = fuzz.pick(ROUTES);
    if (route.slow() && !fuzz.chance(25)) {
      route = fuzz.pick(ROUTES); // a quarter as often: each costs seconds, and teaches little new after the first few
    }
    String method = fuzz.chance(85) ? route.method() : fuzz.pick(METHODS);
    // as many draws either way: a replay makes the same requests, whenever the orders of the first run were placed
    boolean known = fuzz.chance(30);
    String id = known && !knownIds.isEmpty() ? fuzz.pick(knownIds) : fuzz.pick(IDS);
    String path = route.path().replace("{id}", id) + (fuzz.chance(3) ? fuzz.pick(List.of("/", "/x", "//", "/..", "%00")) : "");
    HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path + query())).timeout(timeout);
    byte[] body = body(route, method);
    request.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
    if (body != null && !fuzz.chance(5)) {
      request.header("Content-Type", fuzz.pick(CONTENT_TYPES));
    }
    if (fuzz.chance(30)) {
      request.header("Accept", fuzz.pick(ACCEPTS));
    }
    if (fuzz.chance(20)) {
      header(request, fuzz.pick(List.of("X-Request-Id", "Idempotency-Key")), fuzz.headers().values().stream().findFirst().orElse(""));
    }
    // mostly a valid caller, so that the bodies behind the authenticated routes are read too
    String token = fuzz.chance(75) ? tokens.get(fuzz.chance(80) ? 0 : 1) : fuzz.pick(tokens.subList(2, tokens.size()));
    if (!fuzz.chance(10)) {
      header(request, "Authorization", "Bearer " + token);
    }
    fuzz.headers().forEach((name, value) -> header(request, name, value));
    return Map.entry(route, request.build());
  }

  private String query() {
    List<String> params = new ArrayList<>();
    if (fuzz.chance(70)) {
      params.add("transport=" + encode(fuzz.chance(80) ? fuzz.pick(TRANSPORTS.subList(0, 6)) : fuzz.pick(TRANSPORTS)));
    }
    if (fuzz.chance(30)) {
      params.add("to=" + encode(fuzz.pick(List.of("5", "0", "1000", "1001", "-1", "abc", "1e10", "", "2147483648", "3.5"))));
    }
    if (fuzz.chance(10)) {
      params.add(encode(fuzz.pick(List.of("transport", "to", "x", ""))) + "=" + encode(fuzz.pick(List.of("nats", "\u0000", "é", "%"))));
    }
    return params.isEmpty() ? "" : "?" + String.join("&", params);
  }

  private byte[] body(Route route, String method) {
    if (("GET".equals(method) || "HEAD".equals(method)) && !fuzz.chance(5)) {
      return null;
    }
    if (route.validBody() != null && fuzz.chance(30)) {
      return route.validBody().getBytes(StandardCharsets.UTF_8);
    }
    return fuzz.chance(5) ? new byte[0] : fuzz.payload();
  }

  /** Java's client will not send some names and values (Host, Content-Length, control characters): those are left out. */
  private static void header(HttpRequest.Builder request, String name, String value) {
    try {
      request.header(name, value);
    } catch (IllegalArgumentException notSendable) {
      // nothing the gateway could have seen
    }
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
