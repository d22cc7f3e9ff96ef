package org.acme.gateway.hybrid;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.acme.transport.tcp.TcpServer;
import org.acme.transport.testing.NestPeers;
import org.acme.transport.testing.NestPeers.Call;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The gateway is a hybrid app: next to HTTP it answers its own pattern on TCP, to a real Nest client too. */
@QuarkusTest
class GatewayHybridTests {

  private final TcpServer tcp;

  GatewayHybridTests(TcpServer tcp) {
    this.tcp = tcp;
  }

  @ParameterizedTest(name = "NestJS {0}")
  @ValueSource(strings = {"11", "12"})
  void aNestClientAsksTheGatewayOverTcp(String nest) {
    List<JsonNode> results = NestPeers.client(NestPeers.Version.of(nest), "TCP", Map.of("host", "127.0.0.1", "port", tcp.port()), Map.of(),
        List.of(Call.send(Map.of("cmd", "gateway_status"), Map.of())), false, Duration.ofSeconds(5));
    JsonNode status = results.get(0).path("values").get(0);
    assertThat(status.path("service").asText()).isEqualTo("api-gateway");
    assertThat(status.path("status").asText()).isEqualTo("UP");
  }
}
