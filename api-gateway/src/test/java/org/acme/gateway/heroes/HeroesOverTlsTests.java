package org.acme.gateway.heroes;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.is;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
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
    // the service logs "started" before it answers quickly: the first handshake and call of a cold JVM may outlast the
    // gateway's deadline, so the first call is asked until it answers (a plain-text client never does)
    await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().get("/api/heroes").then().statusCode(200));
    given().get("/api/heroes").then().statusCode(200).body("[0].name", is("Captain Loopback"));
    given().get("/api/heroes/3").then().statusCode(200).body("name", is("The Protobuf"));
  }
}
