package org.acme.math;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.acme.transport.client.NestClients;
import org.acme.transport.testing.NestPeers.Version;
import org.junit.jupiter.api.Test;

/** The Java rmq client calls a real NestJS math microservice. */
@QuarkusTest
@TestProfile(NestServerProfile.class)
class MathRmqAgainstNestTests extends AgainstNestContract {

  MathRmqAgainstNestTests(NestClients clients) {
    super(clients);
  }

  @Override
  protected String transport() {
    return "rmq";
  }

  /** AMQP headers (getMessage().properties.headers) and the packet's metadata field, where Nest 12's client writes it. */
  @Override
  protected Set<String> nestSeesMetadataIn(Version version) {
    return Set.of("headers", "packet");
  }

  @Override
  protected Map<String, Object> nestOptions() {
    return Map.of("urls", List.of("amqp://guest:guest@127.0.0.1:5672"), "queue", NestServerProfile.NEST_RMQ_QUEUE);
  }

  @Test
  void unknownPatternGetsTheNoHandlerError() {
    assertNoHandlerReply("{\"cmd\":\"nope\"}");
  }
}
