package org.acme.gateway.orders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.containsString;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.specification.RequestSpecification;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Stream;
import org.acme.transport.testing.ManagementPort;
import org.acme.transport.testing.TestTokens;
import org.junit.jupiter.api.Test;

/** The order routes against the real order, inventory and payment services: the saga through the front door. */
@QuarkusTest
@QuarkusTestResource(value = SagaServicesResource.class, restrictToAnnotatedClass = true)
class OrderResourceTests {

  private static final String PROBLEM = "application/problem+json";

  /** Every call here is ada's, with her token, unless a test says otherwise. */
  private static RequestSpecification given() {
    return OrderCalls.as("ada");
  }

  /** Orders move money: no token, a forged one or garbage is 401, and nothing is placed; the other routes stay open. */
  @Test
  void withoutAValidTokenTheOrderRoutesAre401() throws Exception {
    String body = "{\"customerId\":\"ada\",\"items\":[{\"sku\":\"widget\",\"quantity\":1}],\"payment\":{\"method\":\"card\"}}";
    int before = available("widget");
    try (HttpClient http = HttpClient.newHttpClient()) {
      for (String authorization : List.of("", "Bearer " + TestTokens.forgedToken("ada"), "Bearer not-a-token")) {
        HttpRequest.Builder post = HttpRequest.newBuilder(gateway("/api/orders")).header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body));
        HttpRequest.Builder get = HttpRequest.newBuilder(gateway("/api/orders/ord-nobody"));
        if (!authorization.isEmpty()) {
          post.header("Authorization", authorization);
          get.header("Authorization", authorization);
        }
        assertThat(http.send(post.build(), HttpResponse.BodyHandlers.ofString()).statusCode()).as(authorization).isEqualTo(401);
        assertThat(http.send(get.build(), HttpResponse.BodyHandlers.ofString()).statusCode()).as(authorization).isEqualTo(401);
      }
      HttpRequest stock = HttpRequest.newBuilder(gateway("/api/inventory/widget")).build();
      assertThat(http.send(stock, HttpResponse.BodyHandlers.ofString()).statusCode()).as("an open route").isEqualTo(200);
    }
    assertThat(available("widget")).as("nothing reserved").isEqualTo(before);
  }

  /** The caller travels to order-service: an order is placed for its caller only, and read by its caller only. */
  @Test
  void anOrderBelongsToItsCustomer() {
    String orderId = OrderCalls.place("widget", 1, "card");
    OrderCalls.as("bob").get("/api/orders/" + orderId).then().statusCode(404).contentType(PROBLEM);
    OrderCalls.as("bob").accept("text/event-stream").get("/api/orders/" + orderId + "/status").then().statusCode(404);
    OrderCalls.as("bob").contentType(ContentType.JSON)
        .body("{\"customerId\":\"ada\",\"items\":[{\"sku\":\"widget\",\"quantity\":1}],\"payment\":{\"method\":\"card\"}}")
        .post("/api/orders").then().statusCode(403).contentType(PROBLEM);
    given().get("/api/orders/" + orderId).then().statusCode(200).body("customerId", is("ada"));
  }

  private static URI gateway(String path) {
    return URI.create(RestAssured.baseURI + ":" + RestAssured.port + path);
  }

  private static int available(String sku) {
    return given().get("/api/inventory/" + sku).then().statusCode(200).extract().path("[0].available");
  }

  @Test
  void anOrderGoesThroughTheSagaAndTakesTheStock() {
    int before = available("widget");
    JsonPath order = OrderCalls.finished(OrderCalls.place("widget", 2, "card"));
    assertThat(order.getString("status")).isEqualTo("CONFIRMED");
    assertThat(order.getList("history.status"))
        .containsExactly("PENDING", "RESERVED", "PAID", "CONFIRMED");
    assertThat(available("widget")).isEqualTo(before - 2);
    given().get("/api/payments/" + order.getString("orderId")).then().statusCode(200)
        .body("status", is("COMPLETED")).body("amount", is(19.98f)).body("paymentId", is(order.getString("paymentId")));
  }

  @Test
  void aDeclinedPaymentEndsCancelledWithTheStockBack() {
    int before = available("gadget");
    JsonPath order = OrderCalls.finished(OrderCalls.place("gadget", 1, "declined-card"));
    assertThat(order.getString("status")).isEqualTo("CANCELLED");
    assertThat(available("gadget")).isEqualTo(before);
    given().get("/api/payments/" + order.getString("orderId")).then().statusCode(200)
        .body("status", is("DECLINED")).body("reason", containsString("declined-card"));
  }

  /** A retry with the same Idempotency-Key (after a 503 or 504, say) gets the same order, and places nothing more. */
  @Test
  void theSameIdempotencyKeyPlacesOneOrder() {
    String key = "retry-" + UUID.randomUUID();
    String body = "{\"customerId\":\"ada\",\"items\":[{\"sku\":\"widget\",\"quantity\":1}],\"payment\":{\"method\":\"card\"}}";
    String first = given().contentType(ContentType.JSON).header("Idempotency-Key", key).body(body).post("/api/orders")
        .then().statusCode(202).header("Idempotency-Key", key).extract().path("orderId");
    String again = given().contentType(ContentType.JSON).header("Idempotency-Key", key).body(body).post("/api/orders")
        .then().statusCode(202).body("status", is("PENDING")).extract().path("orderId");
    assertThat(again).isEqualTo(first);
    given().contentType(ContentType.JSON).header("Idempotency-Key", key).body(body.replace("\"quantity\":1", "\"quantity\":2"))
        .post("/api/orders").then().statusCode(422).contentType(PROBLEM).body("detail", containsString(first));
    assertThat(OrderCalls.finished(first).getString("status")).isEqualTo("CONFIRMED");
  }

  @Test
  void anIdempotencyKeyThatCannotTravelIs400AndNoKeyGetsOne() {
    String body = "{\"customerId\":\"ada\",\"items\":[{\"sku\":\"widget\",\"quantity\":1}],\"payment\":{\"method\":\"card\"}}";
    given().contentType(ContentType.JSON).header("Idempotency-Key", "x".repeat(129)).body(body).post("/api/orders")
        .then().statusCode(400).contentType(PROBLEM).body("detail", containsString("Idempotency-Key must be 1 to 128 printable ASCII"));
    String made = given().contentType(ContentType.JSON).body(body).post("/api/orders").then().statusCode(202).extract().header("Idempotency-Key");
    assertThat(made).matches("[0-9a-f-]{36}");
  }

  @Test
  void anOrderWithoutPaymentIs404() {
    given().get("/api/payments/ord-nobody").then().statusCode(404).contentType(PROBLEM).body("status", is(404));
  }

  @Test
  void everySkuIsListed() {
    given().get("/api/inventory").then().statusCode(200).body("sku", org.hamcrest.Matchers.hasItems("widget", "gadget", "gizmo"));
  }

  @Test
  void anUnknownOrderIs404() {
    given().get("/api/orders/ord-nobody").then().statusCode(404).contentType(PROBLEM).body("status", is(404));
  }

  @Test
  void theStatusStreamOfAnUnknownOrderIs404NotAnEmptyStream() {
    given().accept("text/event-stream").get("/api/orders/ord-nobody/status")
        .then().statusCode(404).contentType(PROBLEM).body("status", is(404));
  }

  @Test
  void anInvalidOrderIs400WithoutReachingTheServices() {
    given().contentType(ContentType.JSON).body("{\"customerId\":\"\",\"items\":[],\"payment\":{\"method\":\"card\"}}")
        .post("/api/orders").then().statusCode(400).contentType(PROBLEM);
  }

  @Test
  void theStatusStreamFollowsTheSagaToItsEnd() {
    String orderId = OrderCalls.place("widget", 1, "card");
    String body = given().accept("text/event-stream").get("/api/orders/" + orderId + "/status")
        .then().statusCode(200).extract().asString();
    List<String> statuses = Arrays.stream(body.replace("\r", "").split("\n"))
        .filter(line -> line.startsWith("data:"))
        .map(line -> JsonPath.from(line.substring(5)).getString("status")).toList();
    assertThat(statuses).containsExactly("PENDING", "RESERVED", "PAID", "CONFIRMED");
  }

  @Test
  void aCallerThatHangsUpMidStreamGivesItsPlaceUp() throws Exception {
    SagaServicesResource.payment.stop();
    String orderId;
    try {
      orderId = OrderCalls.place("widget", 1, "card");
      await().atMost(Duration.ofSeconds(15)).until(() -> "RESERVED".equals(OrderCalls.status(orderId)));
      HttpRequest request = HttpRequest.newBuilder(URI.create(RestAssured.baseURI + ":" + RestAssured.port
          + "/api/orders/" + orderId + "/status")).header("Accept", "text/event-stream").header("Authorization", OrderCalls.bearer("ada")).build();
      try (HttpClient http = HttpClient.newHttpClient();
          Stream<String> lines = http.send(request, HttpResponse.BodyHandlers.ofLines()).body()) {
        Iterator<String> events = lines.iterator();
        String line;
        do {
          line = events.next();
        } while (!(line.startsWith("data:") && line.contains("RESERVED")));
        assertThat(followers()).as("the open stream is counted").isEqualTo(1);
      }
      // the order waits for payment, so nothing but the hang-up can end this stream
      await().atMost(Duration.ofSeconds(10)).until(() -> followers() == 0);
    } finally {
      SagaServicesResource.payment.start();
    }
    assertThat(OrderCalls.finished(orderId).getString("status")).isEqualTo("CONFIRMED");
  }

  private static double followers() {
    String metrics = ManagementPort.given().get("/q/metrics").then().statusCode(200).extract().asString();
    return metrics.lines().filter(line -> line.startsWith("gateway_orders_followers "))
        .mapToDouble(line -> Double.parseDouble(line.substring(line.indexOf(' ') + 1))).findFirst().orElseThrow();
  }

  @Test
  void aSagaInterruptedByACrashOfOrderServiceEndsAfterItsRestart() {
    SagaServicesResource.payment.stop();
    String orderId;
    try {
      orderId = OrderCalls.place("widget", 1, "card");
      await().atMost(Duration.ofSeconds(15)).until(() ->
          "RESERVED".equals(given().get("/api/orders/" + orderId).then().extract().path("status")));
      // order-service crashes (SIGKILL: no goodbye to its group, nothing flushed) while the order waits for payment;
      // what it knew is in Redis, nowhere else
      SagaServicesResource.order.kill();
    } finally {
      SagaServicesResource.payment.start();
    }
    SagaServicesResource.order.start();
    JsonPath order = OrderCalls.finished(orderId);
    assertThat(order.getString("status")).isEqualTo("CONFIRMED");
    assertThat(order.getList("history.status"))
        .containsExactly("PENDING", "RESERVED", "PAID", "CONFIRMED");
  }
}
