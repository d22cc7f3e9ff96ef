package org.acme.transport.testing;

import io.restassured.RestAssured;
import io.restassured.specification.RequestSpecification;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * The management interface of the Quarkus app a test runs: health, metrics (and the gateway's OpenAPI and Swagger
 * UI) answer on a port of their own ({@code quarkus.management.enabled}), never on the public one, which is REST
 * Assured's default. So every test that reads {@code /q/...} asks here.
 */
public final class ManagementPort {

  private ManagementPort() {
  }

  /**
   * The port the management interface listens on: random in tests ({@code quarkus.management.test-port=0}); Quarkus
   * puts the one it bound into the configuration once it has started.
   */
  public static int port() {
    return ConfigProvider.getConfig().getValue("quarkus.management.test-port", Integer.class);
  }

  /** A REST Assured request to the management port: {@code ManagementPort.given().get("/q/health/ready")}. */
  public static RequestSpecification given() {
    return RestAssured.given().port(port());
  }
}
