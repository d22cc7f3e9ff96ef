package org.acme.payment;

import io.quarkus.test.junit.QuarkusTest;
import org.acme.transport.testing.HealthContract;

/** payment-service starts, is live, is ready with a check per broker it uses, and exports Prometheus metrics. */
@QuarkusTest
class PaymentHealthTests implements HealthContract {

  @Override
  public String[] readinessChecks() {
    return new String[] {"redis", "rabbitmq", "kafka"};
  }
}
