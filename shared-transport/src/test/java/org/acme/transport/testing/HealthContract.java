package org.acme.transport.testing;

import org.junit.jupiter.api.Test;

/**
 * What every service's health test checks (a {@code @QuarkusTest} that {@code implements HealthContract}): it starts,
 * turns ready with the checks it names, is live, exports Prometheus metrics, and serves all of that on its management
 * port only. A service names its readiness checks and, if it has more, the management paths its public port must not
 * serve.
 */
public interface HealthContract {

  /** The checks readiness must list: the brokers the service uses, its own checks. */
  String[] readinessChecks();

  /** Paths only the management port serves (the gateway adds its OpenAPI and Swagger UI). */
  default String[] managementPaths() {
    return new String[] {"/q/health", "/q/metrics"};
  }

  @Test
  default void readyWithItsChecks() {
    ServiceProbes.assertReady(readinessChecks());
  }

  @Test
  default void liveAndMetered() {
    ServiceProbes.assertLiveAndMetered();
  }

  /** The public port serves the application only: health and metrics are on the management port, which is not published. */
  @Test
  default void managementEndpointsOnlyOnTheManagementPort() {
    ServiceProbes.assertOnlyOnManagementPort(managementPaths());
  }
}
