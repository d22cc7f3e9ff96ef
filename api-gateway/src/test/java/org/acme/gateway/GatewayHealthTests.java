package org.acme.gateway;

import io.quarkus.test.junit.QuarkusTest;
import org.acme.transport.testing.HealthContract;

/** api-gateway starts, is live, is ready with a check per broker it uses, and exports Prometheus metrics. */
@QuarkusTest
class GatewayHealthTests implements HealthContract {

  @Override
  public String[] readinessChecks() {
    return new String[] {"redis", "nats", "mqtt", "rabbitmq", "kafka"};
  }

  /** Its OpenAPI and Swagger UI are on the management port too. */
  @Override
  public String[] managementPaths() {
    return new String[] {"/q/health", "/q/metrics", "/q/openapi", "/q/swagger-ui"};
  }
}
