package org.acme.gateway.heroes;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.is;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/**
 * The gateway's gRPC client over TLS ({@code quarkus.grpc.clients.heroes.tls-configuration-name}, plain-text off)
 * against heroes-grpc-service serving TLS only, with certificates made now: it trusts the test's CA and checks the
 * server's name (heroes-grpc-service, as Stork names it), and every heroes route works over it.
 */
@QuarkusTest
@WithTestResource(value = HeroesServiceProcess.class, initArgs = @ResourceArg(name = "tls", value = "true"))
class HeroesOverTlsTests {

  @Test
  void theHeroesRoutesWorkOverTls() {
    given().get("/api/heroes").then().statusCode(200).body("[0].name", is("Captain Loopback"));
    given().get("/api/heroes/3").then().statusCode(200).body("name", is("The Protobuf"));
  }
}
