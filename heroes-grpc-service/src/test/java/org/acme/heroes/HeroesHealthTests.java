package org.acme.heroes;

import static org.acme.transport.testing.ManagementPort.given;
import static org.hamcrest.Matchers.containsString;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.acme.transport.testing.ServiceProbes;
import org.junit.jupiter.api.Test;

/** heroes-grpc-service starts, is live, is ready (heroes loaded, gRPC server serving), and exports Prometheus metrics. */
@QuarkusTest
@WithTestResource(FreeGrpcPort.class)
class HeroesHealthTests {

  @Test
  void readyWithHeroesAndGrpcServer() {
    ServiceProbes.assertReady("heroes", "gRPC Server");
  }

  @Test
  void liveAndMetered() {
    ServiceProbes.assertLiveAndMetered();
  }

  /** The public port serves the application only: health and metrics are on the management port, which is not published. */
  @Test
  void managementEndpointsOnlyOnTheManagementPort() {
    ServiceProbes.assertOnlyOnManagementPort("/q/health", "/q/metrics");
  }

  @Test
  void heroesCheckSaysHowManyAndFromWhere() {
    given().get("/q/health/ready").then()
        .body(containsString("\"count\": 10"))
        .body(containsString("heroes.json"));
  }
}
