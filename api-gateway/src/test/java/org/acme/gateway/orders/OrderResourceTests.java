package org.acme.gateway.orders;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.containsString;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The order routes against the real order, inventory and payment services: the saga through the front door. */
@QuarkusTest
@QuarkusTestResource(value = SagaServicesResource.class, restrictToAnnotatedClass = true)
class OrderResourceTests {

  private static final String PROBLEM = "application/problem+json";

  private static int available(String sku) {
    return given().get("/api/inventory/" + sku).then().statusCode(200).extract().path("[0].available");
  }

  @Test
  void anOrderGoesThroughTheSagaAndTakesTheStock() {
    int before = available("widget");
    JsonPath order = OrderCalls.finished(OrderCalls.place("widget", 2, "card"));
    org.assertj.core.api.Assertions.assertThat(order.getString("status")).isEqualTo("CONFIRMED");
    org.assertj.core.api.Assertions.assertThat(order.getList("history.status"))
        .containsExactly("PENDING", "RESERVED", "PAID", "CONFIRMED");
    org.assertj.core.api.Assertions.assertThat(available("widget")).isEqualTo(before - 2);
    given().get("/api/payments/" + order.getString("orderId")).then().statusCode(200)
        .body("status", is("COMPLETED")).body("amount", is(19.98f)).body("paymentId", is(order.getString("paymentId")));
  }

  @Test
  void aDeclinedPaymentEndsCancelledWithTheStockBack() {
    int before = available("gadget");
    JsonPath order = OrderCalls.finished(OrderCalls.place("gadget", 1, "declined-card"));
    org.assertj.core.api.Assertions.assertThat(order.getString("status")).isEqualTo("CANCELLED");
    org.assertj.core.api.Assertions.assertThat(available("gadget")).isEqualTo(before);
    given().get("/api/payments/" + order.getString("orderId")).then().statusCode(200)
        .body("status", is("DECLINED")).body("reason", containsString("declined-card"));
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
    List<String> statuses = java.util.Arrays.stream(body.replace("\r", "").split("\n"))
        .filter(line -> line.startsWith("data:"))
        .map(line -> io.restassured.path.json.JsonPath.from(line.substring(5)).getString("status")).toList();
    org.assertj.core.api.Assertions.assertThat(statuses).containsExactly("PENDING", "RESERVED", "PAID", "CONFIRMED");
  }

  @Test
  void aSagaInterruptedByACrashOfOrderServiceEndsAfterItsRestart() {
    SagaServicesResource.payment.stop();
    String orderId;
    try {
      orderId = OrderCalls.place("widget", 1, "card");
      await().atMost(Duration.ofSeconds(15)).until(() ->
          "RESERVED".equals(given().get("/api/orders/" + orderId).then().extract().path("status")));
      // order-service goes down while the order waits for payment; what it knew is in Redis, nowhere else
      SagaServicesResource.order.stop();
    } finally {
      SagaServicesResource.payment.start();
    }
    SagaServicesResource.order.start();
    JsonPath order = OrderCalls.finished(orderId);
    org.assertj.core.api.Assertions.assertThat(order.getString("status")).isEqualTo("CONFIRMED");
    org.assertj.core.api.Assertions.assertThat(order.getList("history.status"))
        .containsExactly("PENDING", "RESERVED", "PAID", "CONFIRMED");
  }
}
