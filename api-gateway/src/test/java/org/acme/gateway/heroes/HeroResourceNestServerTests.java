package org.acme.gateway.heroes;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.is;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The same routes with a real NestJS gRPC microservice standing in for heroes-grpc-service. */
@QuarkusTest
@WithTestResource(NestHeroesServer.class)
class HeroResourceNestServerTests {

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
}
