package org.acme.math;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.util.Map;
import org.acme.transport.client.NestClients;

/** The Java redis client calls a real NestJS math microservice. */
@QuarkusTest
@TestProfile(NestServerProfile.class)
class MathRedisAgainstNestTests extends AgainstNestContract {

  MathRedisAgainstNestTests(NestClients clients) {
    super(clients);
  }

  @Override
  protected String transport() {
    return "redis";
  }

  @Override
  protected Map<String, Object> nestOptions() {
    return Map.of("host", "127.0.0.1", "port", 6379);
  }
}
