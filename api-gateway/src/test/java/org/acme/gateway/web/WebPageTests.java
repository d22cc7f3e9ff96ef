package org.acme.gateway.web;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.acme.gateway.heroes.HeroesServiceProcess;
import org.acme.gateway.math.MathServiceResource;
import org.acme.gateway.orders.SagaServicesResource;
import org.acme.transport.testing.NestPeers;
import org.acme.transport.testing.NodeScripts;
import org.acme.transport.testing.TestTokens;
import org.acme.transport.testing.Tools;
import org.junit.jupiter.api.Test;

/**
 * The web page at the gateway's {@code /}, in a real browser against the real services: {@code src/test/web/order-flow.mjs}
 * (playwright-core, pinned by its package-lock.json, driving Debian's headless Chromium) pastes ada's token, places a
 * declined order (CANCELLED, with its reason) and a paid one (CONFIRMED), sums over all six transports, streams the
 * heroes, and saves {@code target/web/saga.png}.
 */
@QuarkusTest
@QuarkusTestResource(value = MathServiceResource.class, restrictToAnnotatedClass = true)
@QuarkusTestResource(value = SagaServicesResource.class, restrictToAnnotatedClass = true)
@QuarkusTestResource(value = HeroesServiceProcess.class, restrictToAnnotatedClass = true)
class WebPageTests {

  /** The whole browser run, Chromium's start included; the script's own waits are shorter. */
  static final Duration DEADLINE = Duration.ofMinutes(3);
  static final Duration WARM_UP = Duration.ofSeconds(60);
  private static final List<String> TRANSPORTS = List.of("tcp", "redis", "nats", "mqtt", "rmq", "kafka");

  @TestHTTPResource("/")
  URI base;

  @Test
  void aVisitorWatchesTheSagaSumsOverEveryTransportAndSeesTheHeroes() {
    String chromium = Tools.require("chromium", "apt-get install chromium (./dev test does it when run as root).");
    Path web = NestPeers.repoRoot().resolve("api-gateway/src/test/web");
    NodeScripts.ensureInstalled(web);
    warmUp();
    Path out = Path.of("target", "web").toAbsolutePath();
    String origin = base.getScheme() + "://" + base.getHost() + ":" + base.getPort();
    NodeScripts.Result run = NodeScripts.exec(web, Map.of(
        "WEB_BASE_URL", origin,
        "WEB_TOKEN", TestTokens.token("ada", "customer"),
        "WEB_OUT", out.toString(),
        "CHROMIUM", chromium,
        "WEB_DEADLINE_MS", String.valueOf(DEADLINE.minusSeconds(15).toMillis())),
        DEADLINE, List.of("node", "order-flow.mjs"));
    System.out.print(run.stdout());
    assertThat(run.exitCode()).as("order-flow.mjs (screenshot of the failure: %s):%n%s%s", out.resolve("failure.png"), run.stderr(),
        run.stdout()).isZero();
    assertThat(out.resolve("saga.png")).as("the screenshot").satisfies(png -> assertThat(Files.size(png)).isPositive());
  }

  /**
   * Each route the page calls answers before the browser starts: a transport's first call can outlast the test
   * profile's 2 s deadline while its reply subscription settles, and that is the gateway's start-up, not the page.
   */
  private static void warmUp() {
    await().atMost(WARM_UP).pollInterval(Duration.ofMillis(500)).ignoreExceptions().untilAsserted(() -> {
      given().get("/api/inventory").then().statusCode(200);
      for (String transport : TRANSPORTS) {
        given().contentType("application/json").body("[1,2,3]").post("/api/math/sum?transport=" + transport).then().statusCode(200);
      }
      // get_order over Kafka: an unknown order is 404 once order-service answers, nothing placed
      given().header("Authorization", "Bearer " + TestTokens.token("ada", "customer")).get("/api/orders/ord-warm-up").then().statusCode(404);
      given().get("/api/heroes").then().statusCode(200);
    });
  }
}
