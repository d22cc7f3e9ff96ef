package org.acme.math;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.util.Map;
import java.util.Set;
import org.acme.transport.client.NestClients;
import org.acme.transport.testing.NestPeers.Version;

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

  /** Where Nest 12's MQTT client puts it: the packet's metadata field (MQTT 3.1.1 has no headers); 12.1 has no getMetadata() on MQTT yet. */
  @Override
  protected Set<String> nestSeesMetadataIn(Version version) {
    return Set.of("packet");
  }

  @Override
  protected Map<String, Object> nestOptions() {
    return Map.of("url", "mqtt://127.0.0.1:1883");
  }
}
