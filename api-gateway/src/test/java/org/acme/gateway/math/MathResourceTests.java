package org.acme.gateway.math;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.lessThan;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.acme.transport.testing.ManagementPort;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.acme.transport.testing.TestTokens;
import org.junit.jupiter.api.Test;

/** The gateway's math routes against the real math-service, over every transport, with one error shape. */
@QuarkusTest
@QuarkusTestResource(value = MathServiceResource.class, restrictToAnnotatedClass = true)
class MathResourceTests {

  private static final String PROBLEM = "application/problem+json";

  @ParameterizedTest
  @ValueSource(strings = {"tcp", "redis", "nats", "mqtt", "rmq", "kafka"})
  void sumOverEveryTransport(String transport) {
    given().contentType(ContentType.JSON).body("[1,2,3]").queryParam("transport", transport)
        .post("/api/math/sum")
        .then().statusCode(200).body("result", is(6)).body("transport", is(transport));
  }

  /** v2 of sum beside v1, on every transport: the route per version reaches the pattern per version. */
  @ParameterizedTest
  @ValueSource(strings = {"tcp", "redis", "nats", "mqtt", "rmq", "kafka"})
  void sumVersionTwoAnswersWithASummary(String transport) {
    given().contentType(ContentType.JSON).body("[1,2,3,6]").queryParam("transport", transport).post("/api/v2/math/sum")
        .then().statusCode(200).body("transport", is(transport)).body("result.sum", is(12)).body("result.count", is(4))
        .body("result.min", is(1)).body("result.max", is(6)).body("result.mean", is(3));
    given().contentType(ContentType.JSON).body("[1,2,3,6]").queryParam("transport", transport).post("/api/math/sum")
        .then().statusCode(200).body("result", is(12));
  }

  @ParameterizedTest
  @ValueSource(strings = {"tcp", "redis", "nats", "mqtt", "rmq", "kafka"})
  void contextNamesTheTransport(String transport) {
    given().queryParam("transport", transport).get("/api/math/context")
        .then().statusCode(200).body("success", is(true)).body("transport", is(transport));
  }

  /** The caller's X-Request-Id travels as message metadata to the handler, over every transport, and comes back. */
  @ParameterizedTest
  @ValueSource(strings = {"tcp", "redis", "nats", "mqtt", "rmq", "kafka"})
  void theRequestIdReachesTheHandlerAsMetadata(String transport) {
    String id = "req-" + transport + "-" + UUID.randomUUID();
    long sent = System.currentTimeMillis();
    String deadline = given().header("X-Request-Id", id).queryParam("transport", transport).get("/api/math/context")
        .then().statusCode(200).header("X-Request-Id", id).body("metadata.x-request-id", is(id))
        .extract().path("metadata.x-deadline");
    // and the gateway's deadline (gateway.calls.deadline, 2 s in tests) as the whole chain's budget
    org.assertj.core.api.Assertions.assertThat(Long.parseLong(deadline)).isBetween(sent, System.currentTimeMillis() + 2000);
  }

  /** Without one, or with one that cannot travel (too long, not printable ASCII), the gateway makes an id of its own. */
  @Test
  void aRequestWithoutAUsableIdGetsOne() {
    for (String sent : new String[] {null, "x".repeat(129), "caf\u00e9"}) {
      var request = given().queryParam("transport", "nats");
      if (sent != null) {
        request.header("X-Request-Id", sent);
      }
      var response = request.get("/api/math/context").then().statusCode(200).extract();
      String id = response.header("X-Request-Id");
      org.assertj.core.api.Assertions.assertThat(id).isNotEqualTo(sent).matches("[0-9a-f-]{36}");
      org.assertj.core.api.Assertions.assertThat(response.path("metadata.x-request-id").toString()).isEqualTo(id);
    }
  }

  /** A number bomb is a 400 at once: it never reaches math-service, and the gateway does not retry it. */
  @Test
  void aNumberBombIs400AtOnce() {
    given().contentType(ContentType.JSON).body("[1e100000000]").post("/api/math/sum")
        .then().statusCode(400).contentType(PROBLEM).body("detail", containsString("out of range"))
        .time(lessThan(1000L), TimeUnit.MILLISECONDS);
    given().contentType(ContentType.JSON).body("{\"a\":1e-200000,\"b\":2}").post("/api/math/multiply")
        .then().statusCode(400).contentType(PROBLEM);
  }

  /** A body over gateway.limits.body (64 KiB) is refused before it is read: 413, problem details. */
  @Test
  void aTenMegabyteBodyIs413() throws Exception {
    byte[] huge = ("[" + "{},".repeat(10 * 1024 * 1024 / 3) + "{}]").getBytes(java.nio.charset.StandardCharsets.UTF_8);
    // Expect: 100-continue, as a careful client sends a large body: the gateway answers before any of it is sent
    java.net.http.HttpResponse<String> answer = java.net.http.HttpClient.newBuilder().version(java.net.http.HttpClient.Version.HTTP_1_1).build().send(
        java.net.http.HttpRequest.newBuilder(java.net.URI.create(io.restassured.RestAssured.baseURI + ":" + io.restassured.RestAssured.port
            + "/api/math/sum")).expectContinue(true).header("Content-Type", "application/json")
            .POST(java.net.http.HttpRequest.BodyPublishers.ofByteArray(huge)).build(),
        java.net.http.HttpResponse.BodyHandlers.ofString());
    org.assertj.core.api.Assertions.assertThat(answer.statusCode()).isEqualTo(413);
    org.assertj.core.api.Assertions.assertThat(answer.headers().firstValue("Content-Type")).hasValue(PROBLEM);
    org.assertj.core.api.Assertions.assertThat(answer.body()).contains("gateway.limits.body");
  }

  /** One caller's flood of never (each a deadline missed) opens that route's circuit, not sum's: others still get 200. */
  @Test
  void aFloodOfNeverLeavesSumAlone() throws Exception {
    java.util.List<java.util.concurrent.CompletableFuture<Integer>> flood = new java.util.ArrayList<>();
    for (int i = 0; i < 24; i++) {
      flood.add(java.util.concurrent.CompletableFuture.supplyAsync(
          () -> given().queryParam("transport", "nats").get("/api/math/never").then().extract().statusCode()));
    }
    flood.forEach(java.util.concurrent.CompletableFuture::join);
    given().queryParam("transport", "nats").get("/api/math/never").then().statusCode(503);
    given().contentType(ContentType.JSON).body("[1,2,3]").queryParam("transport", "nats").post("/api/math/sum")
        .then().statusCode(200).body("result", is(6));
  }

  @Test
  void multiplyDefaultsToTcp() {
    given().contentType(ContentType.JSON).body("{\"a\":6,\"b\":7}").post("/api/math/multiply")
        .then().statusCode(200).body("result", is(42)).body("transport", is("tcp"));
  }

  @Test
  void countStreamsServerSentEvents() {
    String events = given().queryParam("to", 3).get("/api/math/count").then().statusCode(200)
        .contentType(containsString("text/event-stream")).extract().asString();
    org.assertj.core.api.Assertions.assertThat(events.replace("\r", "")).contains("data:1\n", "data:2\n", "data:3\n");
  }

  @Test
  void theGuardLetsTheSecretIn() {
    given().contentType(ContentType.JSON).body("{\"token\":\"secret-token\"}").post("/api/math/protected")
        .then().statusCode(200).body("message", is("Protected data"));
  }

  @Test
  void theGuardTurnsAGuessAwayWith403() {
    given().contentType(ContentType.JSON).body("{\"token\":\"guess\"}").post("/api/math/protected")
        .then().statusCode(403).contentType(PROBLEM).body("status", is(403)).body("detail", is("Forbidden resource"));
  }

  /** The role guard: the gateway wants a caller, math-service wants the admin role of the caller that travels with the call. */
  @Test
  void theRoleGuardReadsTheCallerTheGatewayAuthenticated() {
    given().get("/api/math/admin").then().statusCode(401);
    for (String transport : List.of("tcp", "kafka")) {
      given().auth().oauth2(TestTokens.token("bob", "customer")).queryParam("transport", transport).get("/api/math/admin")
          .then().statusCode(403).contentType(PROBLEM).body("detail", is("Forbidden resource"));
      given().auth().oauth2(TestTokens.token("ada", "customer", "admin")).queryParam("transport", transport).get("/api/math/admin")
          .then().statusCode(200).body("message", is("Admin data")).body("caller", is("ada"));
    }
  }

  @Test
  void dataEchoesAndEmptyDataIs400() {
    given().contentType(ContentType.JSON).body("{\"x\":1}").post("/api/math/data").then().statusCode(200).body("x", is(1));
    given().contentType(ContentType.JSON).body("{}").post("/api/math/data")
        .then().statusCode(400).contentType(PROBLEM).body("detail", is("Data is required"));
  }

  @Test
  void aBodyMissingAFieldIsStoppedAt400ByTheGatewaysOwnValidation() {
    given().contentType(ContentType.JSON).body("{\"a\":6}").post("/api/math/multiply")
        .then().statusCode(400).contentType(PROBLEM).body("title", is("Bad Request"));
  }

  @Test
  void aBodyThatDoesNotParseIs400() {
    given().contentType(ContentType.JSON).body("[1,2,").post("/api/math/sum")
        .then().statusCode(400).contentType(PROBLEM);
    given().contentType(ContentType.JSON).body("{\"a\":\"six\",\"b\":7}").post("/api/math/multiply")
        .then().statusCode(400).contentType(PROBLEM);
  }

  @Test
  void anUnknownTransportIs400() {
    given().contentType(ContentType.JSON).body("[1]").queryParam("transport", "pigeon").post("/api/math/sum")
        .then().statusCode(400).contentType(PROBLEM).body("detail", containsString("unknown transport 'pigeon'"));
  }

  @Test
  void aPatternThatNeverAnswersIs504WithinTheDeadline() {
    given().get("/api/math/never").then().statusCode(504).contentType(PROBLEM)
        .time(lessThan(4000L), TimeUnit.MILLISECONDS);
  }

  @Test
  void anEventIsAcceptedAndDelivered() {
    String userId = "gw-" + UUID.randomUUID();
    given().contentType(ContentType.JSON).body("{\"userId\":\"" + userId + "\",\"email\":\"ada@example.com\"}").post("/api/users")
        .then().statusCode(202).body("userId", equalTo(userId));
    org.awaitility.Awaitility.await().atMost(10, TimeUnit.SECONDS).untilAsserted(() ->
        given().get("/api/math/users-seen").then().statusCode(200).body("$", hasItem(userId)));
    given().contentType(ContentType.JSON).body("{\"email\":\"not-an-email\"}").post("/api/users")
        .then().statusCode(400).contentType(PROBLEM);
  }

  @Test
  void openApiDescribesTheRoutes() {
    ManagementPort.given().get("/q/openapi").then().statusCode(200).body(containsString("/api/math/sum"));
  }
}
