package org.acme.math;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.acme.transport.client.NestClients;
import org.acme.transport.testing.NestPeers.Version;
import org.acme.transport.client.NoResponderException;
import org.junit.jupiter.api.Test;

/** The Java nats client calls a real NestJS math microservice. */
@QuarkusTest
@TestProfile(NestServerProfile.class)
class MathNatsAgainstNestTests extends AgainstNestContract {

  MathNatsAgainstNestTests(NestClients clients) {
    super(clients);
  }

  @Override
  protected String transport() {
    return "nats";
  }

  /** NATS headers, which a Nest handler reads with getHeaders() (12.1 does not read the packet's field yet). */
  @Override
  protected Set<String> nestSeesMetadataIn(Version version) {
    return Set.of("headers");
  }

  @Override
  protected Map<String, Object> nestOptions() {
    return Map.of("servers", List.of("nats://127.0.0.1:4222"));
  }

  @Test
  void unknownPatternFailsAtOnceWithNoResponders() {
    assertThatThrownBy(() -> client().send("{\"cmd\":\"nope\"}", Map.of(), Object.class).await().atMost(WAIT))
        .isInstanceOf(NoResponderException.class);
  }
}
