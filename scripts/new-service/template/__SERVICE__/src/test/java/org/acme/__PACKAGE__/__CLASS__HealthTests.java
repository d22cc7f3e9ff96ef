package org.acme.__PACKAGE__;

import static org.hamcrest.Matchers.containsInAnyOrder;

import io.quarkus.test.junit.QuarkusTest;
import org.acme.transport.testing.HealthContract;
import org.acme.transport.testing.ManagementPort;
import org.junit.jupiter.api.Test;

/** __SERVICE__ starts, is live and ready, and exports Prometheus metrics, on its management port only. */
@QuarkusTest
class __CLASS__HealthTests implements HealthContract {

  /** The readiness checks: one per broker it links to (none for TCP). Add a broker's name when it links to one. */
  //@if tcp
  static final String[] BROKERS = {};
  //@end
  //@if nats
  static final String[] BROKERS = {"nats"};
  //@end
  //@if rmq
  static final String[] BROKERS = {"rabbitmq"};
  //@end
  //@if kafka
  static final String[] BROKERS = {"kafka", "kafka-server"};
  //@end
  //@if redis
  static final String[] BROKERS = {"redis"};
  //@end
  //@if mqtt
  static final String[] BROKERS = {"mqtt"};
  //@end

  @Override
  public String[] readinessChecks() {
    return BROKERS;
  }

  /**
   * ... and no other: a check of a broker it does not use (Quarkus's own one of its default Redis client) looks for
   * that broker on localhost, which a container has not, and keeps the service unready under compose and k8s.
   */
  @Test
  void readinessChecksOnlyItsOwnBrokers() {
    ManagementPort.given().get("/q/health/ready").then().body("checks.name", containsInAnyOrder(BROKERS));
  }
}
