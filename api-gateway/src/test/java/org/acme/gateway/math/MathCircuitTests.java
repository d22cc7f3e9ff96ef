package org.acme.gateway.math;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.lessThan;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * math-service stopped: the gateway answers 503 quickly, the circuit opens and fails calls at once, and once the
 * service is back the circuit closes again.
 */
@QuarkusTest
@QuarkusTestResource(value = MathServiceResource.class, restrictToAnnotatedClass = true)
class MathCircuitTests {

  private static io.restassured.response.ValidatableResponse sum() {
    return given().contentType(ContentType.JSON).body("[1,2,3]").post("/api/math/sum").then();
  }

  @Test
  void theCircuitOpensWhileTheServiceIsDownAndClosesWhenItIsBack() {
    sum().statusCode(200).body("result", is(6));

    MathServiceResource.math.stop();
    sum().statusCode(503).contentType("application/problem+json").time(lessThan(3000L), TimeUnit.MILLISECONDS);
    Awaitility.await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
        sum().statusCode(503).body("detail", containsString("circuit")));
    // open: refused at once, without trying the service
    sum().statusCode(503).time(lessThan(500L), TimeUnit.MILLISECONDS);

    MathServiceResource.math.start();
    Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
        sum().statusCode(200).body("result", is(6)));
  }
}
