package org.acme.gateway.heroes;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.is;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.acme.transport.testing.NestPeers;
import org.junit.jupiter.api.Test;

/**
 * The hero routes with a real NestJS gRPC microservice standing in for heroes-grpc-service (the subclasses say which
 * NestJS): the same answers, the same problems, and the HTTP request's id in each call's gRPC metadata.
 */
abstract class HeroResourceAgainstNestContract {

  @Test
  void listsTheNestHeroes() {
    given().get("/api/heroes").then().statusCode(200).body("name", contains("Nest Knight", "Observable Oracle", "Decorator Duchess"));
  }

  @Test
  void findsOneNestHero() {
    given().get("/api/heroes/2").then().statusCode(200).body("id", is(2)).body("name", is("Observable Oracle"));
  }

  @Test
  void nestRpcExceptionsMapToTheSameProblems() {
    HeroResourceTests.assertProblem(given().get("/api/heroes/99").then(), 404, "Not Found", "Hero 99 not found");
    HeroResourceTests.assertProblem(given().get("/api/heroes/0").then(), 400, "Bad Request", "Hero id must be a positive integer, got 0");
  }

  @Test
  void streamsTheNestHeroes() {
    String events = given().accept("text/event-stream").get("/api/heroes/stream").then().statusCode(200).extract().asString();
    assertThat(SseEvents.ids(events)).isEqualTo(List.of(1, 2, 3));
  }

  /** The HTTP request's id travels as the gRPC call's metadata: the Nest handler prints what its call brought. */
  @Test
  void theRequestIdReachesTheNestHandlerAsMetadata() {
    String id = "heroes-" + UUID.randomUUID();
    given().header("X-Request-Id", id).get("/api/heroes/2").then().statusCode(200).header("X-Request-Id", id);
    await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(NestHeroesServer.current.output().lines()
        .filter(line -> line.startsWith("{\"rpc\":\"FindOne\""))
        .map(HeroResourceAgainstNestContract::requestIdOf))
        .contains(id));
  }

  private static String requestIdOf(String line) {
    try {
      return NestPeers.json().readTree(line).path("metadata").path("x-request-id").asText();
    } catch (java.io.IOException e) {
      throw new AssertionError(line, e);
    }
  }
}
