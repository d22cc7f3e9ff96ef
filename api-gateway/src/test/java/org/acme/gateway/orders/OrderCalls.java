package org.acme.gateway.orders;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import org.acme.transport.testing.TestTokens;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;
import org.awaitility.core.ConditionTimeoutException;

/** Orders placed and followed through the gateway, as a user would with curl. */
final class OrderCalls {

  private OrderCalls() {
  }

  /** A request of the caller {@code subject}, with a bearer token the gateway under test trusts. */
  static RequestSpecification as(String subject) {
    return given().header("Authorization", bearer(subject));
  }

  static String bearer(String subject) {
    return "Bearer " + TestTokens.token(subject);
  }

  /**
   * Places an order of one line, as a careful caller does: with an Idempotency-Key, asking again with it after a 503
   * or a 504 (order-service handing its partitions over, say); the gateway answers 202 and the order's id, PENDING.
   */
  static String place(String sku, int quantity, String method) {
    String key = "calls-" + UUID.randomUUID();
    String body = "{\"customerId\":\"ada\",\"items\":[{\"sku\":\"" + sku + "\",\"quantity\":" + quantity
        + "}],\"payment\":{\"method\":\"" + method + "\"}}";
    return retried(() -> as("ada").contentType(ContentType.JSON).header("Idempotency-Key", key).body(body).post("/api/orders").then())
        .statusCode(202).header("Location", containsString("/api/orders/ord-"))
        .body("success", is(true)).body("status", is("PENDING"))
        .extract().path("orderId");
  }

  static String status(String orderId) {
    return retried(() -> as("ada").get("/api/orders/" + orderId).then()).statusCode(200).extract().path("status");
  }

  /** The answer, asked again (for up to 20 s) while it is 503 or 504: "not now". */
  private static ValidatableResponse retried(Supplier<ValidatableResponse> call) {
    return await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(500))
        .until(call::get, answer -> answer.extract().statusCode() != 503 && answer.extract().statusCode() != 504);
  }

  /** The order once its saga has ended; fails, with what each service logged about it, after 30 s. */
  static JsonPath finished(String orderId) {
    try {
      return await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250))
          .until(() -> as("ada").get("/api/orders/" + orderId).then().statusCode(200).extract().jsonPath(),
              order -> List.of("CONFIRMED", "REJECTED", "CANCELLED").contains(order.getString("status")));
    } catch (ConditionTimeoutException stuck) {
      // what the order and each service were doing, so a failure in CI can be understood from its output alone
      throw new AssertionError("order " + orderId + " did not finish within 30 s: "
          + as("ada").get("/api/orders/" + orderId).then().extract().asString() + "\n"
          + SagaServicesResource.logsFor(orderId), stuck);
    }
  }
}
