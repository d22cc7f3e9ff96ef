package org.acme.gateway;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.acme.transport.testing.ManagementPort;
import org.junit.jupiter.api.Test;

/**
 * One caller cannot take the gateway from the others: past its rate, or with too many requests in flight, it is told
 * 429 with a Retry-After, while health and metrics (on the management port) stay open. Limits made small here: 5 a second, a burst of 5.
 */
@QuarkusTest
@TestProfile(CallerLimitsTests.Small.class)
class CallerLimitsTests {

  public static class Small implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of("gateway.limits.rate", "5", "gateway.limits.burst", "5", "gateway.limits.concurrency", "2");
    }
  }

  @Test
  void aCallerOverItsRateIsTold429WithRetryAfter() {
    List<ExtractableResponse<Response>> answers = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      answers.add(given().get("/api/math/users-seen").then().extract());
    }
    ExtractableResponse<Response> refused = answers.stream().filter(a -> a.statusCode() == 429).findFirst().orElseThrow(
        () -> new AssertionError("no 429 among " + answers.stream().map(ExtractableResponse::statusCode).toList()));
    assertThat(refused.contentType()).startsWith("application/problem+json");
    assertThat(refused.header("Retry-After")).isNotBlank();
    assertThat(refused.body().asString()).contains("gateway.limits.rate");
    assertThat(answers.stream().filter(a -> a.statusCode() != 429).count()).as("the burst went through").isGreaterThanOrEqualTo(4);
    ManagementPort.given().get("/q/health/live").then().statusCode(200);
  }
}
