package org.acme.heroes;

import static org.acme.transport.testing.ManagementPort.given;
import static org.hamcrest.Matchers.containsString;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.acme.transport.testing.HealthContract;
import org.junit.jupiter.api.Test;

/** heroes-grpc-service starts, is live, is ready (heroes loaded, gRPC server serving), and exports Prometheus metrics. */
@QuarkusTest
@WithTestResource(FreeGrpcPort.class)
class HeroesHealthTests implements HealthContract {

  @Override
  public String[] readinessChecks() {
    return new String[] {"heroes", "gRPC Server"};
  }

  @Test
  void heroesCheckSaysHowManyAndFromWhere() {
    given().get("/q/health/ready").then()
        .body(containsString("\"count\": 10"))
        .body(containsString("heroes.json"));
  }
}
