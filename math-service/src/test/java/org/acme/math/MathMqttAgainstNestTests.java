package org.acme.math;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.util.Map;
import org.acme.transport.client.NestClients;

/** The Java mqtt client calls a real NestJS math microservice. */
@QuarkusTest
@TestProfile(NestServerProfile.class)
class MathMqttAgainstNestTests extends AgainstNestContract {

  MathMqttAgainstNestTests(NestClients clients) {
    super(clients);
  }

  @Override
  protected String transport() {
    return "mqtt";
  }

  @Override
  protected Map<String, Object> nestOptions() {
    return Map.of("url", "mqtt://127.0.0.1:1883");
  }
}
