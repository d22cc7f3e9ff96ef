package org.acme.math;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.acme.transport.client.NestClient;
import org.acme.transport.client.NestClients;
import org.acme.transport.testing.FreePorts;
import org.junit.jupiter.api.Test;

/** The catalogue over TCP, math-service's primary transport. */
@QuarkusTest
@QuarkusTestResource(FreePorts.class)
class MathTcpTests extends MathContract {

  private final NestClients clients;

  MathTcpTests(NestClients clients) {
    this.clients = clients;
  }

  @Override
  protected NestClient client() {
    return clients.get("math-tcp");
  }

  @Override
  protected String transport() {
    return "tcp";
  }

  @Test
  void unknownPatternGetsTheNoHandlerError() {
    assertNoHandlerReply("{\"cmd\":\"nope\"}");
  }
}
