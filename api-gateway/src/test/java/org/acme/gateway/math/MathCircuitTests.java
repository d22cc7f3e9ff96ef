package org.acme.gateway.math;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.lessThan;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.QuarkusTestResource;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import jakarta.inject.Inject;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * math-service stopped: the gateway answers 503 quickly, the circuit opens and fails calls at once, and once the
 * service is back the circuit closes again; the gauge nest.client.circuit.state says so (2 open, 0 closed).
 */
@QuarkusTest
@QuarkusTestResource(value = MathServiceResource.class, restrictToAnnotatedClass = true)
class MathCircuitTests {

  @Inject
  MeterRegistry meters;

  private double circuit() {
    return meters.get("nest.client.circuit.state").tag("route", "math {\"cmd\":\"sum\"} over tcp").tag("transport", "tcp").gauge().value();
  }

  /** The breaker records an outcome after the answer has gone out, so the gauge may follow the response by a moment. */
  private void circuitIs(String state, int level) {
    Awaitility.await(state).atMost(Duration.ofSeconds(2)).pollInterval(Duration.ofMillis(20)).untilAsserted(() ->
        assertThat(circuit()).as(state).isEqualTo(level));
  }

  private static io.restassured.response.ValidatableResponse sum() {
    return given().contentType(ContentType.JSON).body("[1,2,3]").post("/api/math/sum").then();
  }

  @Test
  void theCircuitOpensWhileTheServiceIsDownAndClosesWhenItIsBack() {
    // math-service's first answer may outlast the 2 s deadline on a loaded machine (its JIT is cold)
    Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
        sum().statusCode(200).body("result", is(6)));
    circuitIs("closed", 0);

    MathServiceResource.math.stop();
    sum().statusCode(503).contentType("application/problem+json").time(lessThan(3000L), TimeUnit.MILLISECONDS);
    Awaitility.await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
        sum().statusCode(503).body("detail", containsString("circuit")));
    // open: refused at once, without trying the service
    sum().statusCode(503).time(lessThan(500L), TimeUnit.MILLISECONDS);
    circuitIs("open", 2);

    MathServiceResource.math.start();
    Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
        sum().statusCode(200).body("result", is(6)));
    circuitIs("closed again", 0);
  }
}
