package org.acme.math;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.enterprise.inject.Typed;
import io.quarkus.test.junit.TestProfile;
import org.acme.transport.client.NestClients;
import org.acme.transport.testing.NestPeers.Version;

/** The same, against a NestJS 12 math microservice. */
@QuarkusTest
@Typed(MathKafkaAgainstNest12Tests.class) // a bean of its own type only: its parent class is a test bean too
@TestProfile(NestServerProfile.class)
class MathKafkaAgainstNest12Tests extends MathKafkaAgainstNestTests {

  MathKafkaAgainstNest12Tests(NestClients clients) {
    super(clients);
  }

  @Override
  protected Version version() {
    return Version.V12;
  }
}
