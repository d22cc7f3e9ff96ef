package org.acme.math;

import io.quarkus.test.junit.QuarkusTest;
import org.acme.transport.testing.HealthContract;

/** math-service starts, is live, is ready with a check per broker it uses, and exports Prometheus metrics. */
@QuarkusTest
class MathHealthTests implements HealthContract {

  @Override
  public String[] readinessChecks() {
    return new String[] {"redis", "nats", "mqtt", "rabbitmq", "kafka", "kafka-server"};
  }
}
