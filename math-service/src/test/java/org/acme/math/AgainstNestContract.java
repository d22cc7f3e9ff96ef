package org.acme.math;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.acme.contracts.math.MathPatterns;
import org.acme.transport.client.NestClient;
import org.acme.transport.client.NestClients;
import org.acme.transport.testing.NestPeers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The Java client of one transport calls a real NestJS math microservice ({@code nest-math-server.js}) instead of
 * math-service: the catalogue, with Nest as the referee. Subclasses run under {@link NestServerProfile}, which
 * switches every Java server off, and say how the Nest server is reached.
 */
abstract class AgainstNestContract extends MathContract {

  private static final Map<String, NestPeers.Server> SERVERS = new ConcurrentHashMap<>();
  private final NestClients clients;

  AgainstNestContract(NestClients clients) {
    this.clients = clients;
  }

  /** The Nest server options for this transport. */
  protected abstract Map<String, Object> nestOptions();

  @BeforeEach
  void nestServerRunning() {
    SERVERS.computeIfAbsent(transport(), t -> NestPeers.server(t.toUpperCase(), nestOptions()));
  }

  @AfterAll
  static void stopNestServers() {
    SERVERS.values().forEach(NestPeers.Server::close);
    SERVERS.clear();
  }

  @Override
  protected NestClient client() {
    return clients.get("math-" + transport());
  }

  /** JavaScript numbers: 0.1 + 0.2 is not 0.3 there, so only whole numbers here. */
  @Test
  @Override
  void sumAddsAList() {
    assertThat(client().send(MathPatterns.SUM, List.of(1, 2, 3), Integer.class).await().atMost(WAIT)).isEqualTo(6);
    assertThat(client().send(MathPatterns.ROLE_SUM, List.of(), Integer.class).await().atMost(WAIT)).isEqualTo(0);
  }

  /** Bean Validation is this project's; the Nest server has none (no @Test: not run). */
  @Override
  void invalidPayloadGetsAValidationError() {
  }
}
