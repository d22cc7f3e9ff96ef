package org.acme.gateway.heroes;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import java.net.URI;
import java.util.List;
import org.acme.gateway.rest.Problem;
import org.junit.jupiter.api.MethodOrderer.OrderAnnotation;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The heroes routes against the real heroes-grpc-service in a child JVM: every route, every mapped status. The last
 * two tests hang, then stop, that service, so they run last.
 */
@QuarkusTest
@WithTestResource(HeroesServiceProcess.class)
@TestMethodOrder(OrderAnnotation.class)
class HeroResourceTests {

  @TestHTTPResource("/api/heroes/stream")
  URI streamUrl;

  @Test
  @Order(1)
  void listsEveryHero() {
    given().get("/api/heroes").then()
        .statusCode(200)
        .contentType(startsWith("application/json"))
        .body("$", hasSize(10))
        .body("id", contains(1, 2, 3, 4, 5, 6, 7, 8, 9, 10))
        .body("[0].name", is("Captain Loopback"));
  }

  @Test
  @Order(1)
  void findsOneHero() {
    given().get("/api/heroes/3").then()
        .statusCode(200)
        .body("id", is(3))
        .body("name", is("The Protobuf"));
  }

  @Test
  @Order(1)
  void unknownHeroIsA404Problem() {
    assertProblem(given().get("/api/heroes/4242").then(), 404, "Not Found", "Hero 4242 not found")
        .body("grpcStatus", is("NOT_FOUND"));
  }

  @Test
  @Order(1)
  void zeroOrNegativeIdIsA400Problem() {
    assertProblem(given().get("/api/heroes/0").then(), 400, "Bad Request", "Hero id must be a positive integer, got 0")
        .body("grpcStatus", is("INVALID_ARGUMENT"));
    assertProblem(given().get("/api/heroes/-5").then(), 400, "Bad Request", "Hero id must be a positive integer, got -5");
  }

  @Test
  @Order(1)
  void nonNumericIdIsAProblemToo() {
    given().get("/api/heroes/not-a-number").then()
        .statusCode(404)
        .contentType(Problem.MEDIA_TYPE)
        .body("status", is(404))
        .body("title", is("Not Found"));
  }

  @Test
  @Order(1)
  void streamsEveryHeroAsServerSentEventsInOrder() {
    String events = given().accept("text/event-stream").get("/api/heroes/stream").then()
        .statusCode(200)
        .contentType(startsWith("text/event-stream"))
        .extract().asString();
    assertThat(SseEvents.dataLines(events)).hasSize(10).first().isEqualTo("{\"id\":1,\"name\":\"Captain Loopback\"}");
    assertThat(SseEvents.ids(events)).isEqualTo(List.of(1, 2, 3, 4, 5, 6, 7, 8, 9, 10));
  }

  @Test
  @Order(2)
  void hungServiceIsA504AfterTheDeadline() {
    HeroesServiceProcess.current().hang();
    try {
      long start = System.nanoTime();
      assertProblem(given().get("/api/heroes/1").then(), 504, "Gateway Timeout", null).body("grpcStatus", is("DEADLINE_EXCEEDED"));
      long tookMillis = (System.nanoTime() - start) / 1_000_000;
      assertThat(tookMillis).as("waits for the 2s test deadline, not much longer").isBetween(1_800L, 5_000L);
    } finally {
      HeroesServiceProcess.current().resume();
    }
  }

  @Test
  @Order(3)
  void stoppedServiceIsA503FastWellUnderTheDeadline() {
    HeroesServiceProcess.current().stop();
    for (String route : List.of("/api/heroes", "/api/heroes/1")) {
      long start = System.nanoTime();
      assertProblem(given().get(route).then(), 503, "Service Unavailable", null).body("grpcStatus", is("UNAVAILABLE"));
      assertThat((System.nanoTime() - start) / 1_000_000).as(route + " fails fast").isLessThan(1_000L);
    }
    // SSE commits "200 text/event-stream" before the first event, so a stream that cannot start ends at once, empty.
    long start = System.nanoTime();
    assertThat(SseEvents.read(streamUrl)).as("stream with the service down").isEmpty();
    assertThat((System.nanoTime() - start) / 1_000_000).as("the stream ends fast").isLessThan(1_000L);
  }

  static ValidatableResponse assertProblem(ValidatableResponse response, int status, String title, String detail) {
    response.statusCode(status)
        .contentType(Problem.MEDIA_TYPE)
        .body("type", is("about:blank"))
        .body("title", is(title))
        .body("status", is(status));
    if (detail != null) {
      response.body("detail", is(detail));
    }
    return response;
  }
}
