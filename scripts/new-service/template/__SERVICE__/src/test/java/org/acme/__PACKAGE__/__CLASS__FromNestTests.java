package org.acme.__PACKAGE__;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.acme.transport.testing.FreePorts;
import org.acme.transport.testing.NestPeers;
import org.acme.transport.testing.NestPeers.Call;
import org.acme.transport.testing.NestPeers.Version;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A real, unmodified NestJS TCP client (npm {@code @nestjs/microservices} 11 and 12) calls __SERVICE__. */
@QuarkusTest
@QuarkusTestResource(FreePorts.class)
class __CLASS__FromNestTests {

  @ConfigProperty(name = "nest.server.tcp.port")
  int port;

  private List<JsonNode> nestSends(String nest, Object data) {
    return NestPeers.client(Version.of(nest), "TCP", Map.of("host", "127.0.0.1", "port", port), Map.of(),
        List.of(Call.send(Map.of("cmd", "ping"), data)), false, Duration.ofSeconds(3));
  }

  @ParameterizedTest(name = "NestJS {0}")
  @ValueSource(strings = {"11", "12"})
  void pingEchoesTheMessage(String nest) {
    JsonNode result = nestSends(nest, Map.of("message", "hello")).get(0);
    assertThat(result.path("ok").asBoolean()).as(result.toString()).isTrue();
    assertThat(result.path("values").get(0).path("message").asText()).isEqualTo("hello");
    assertThat(result.path("values").get(0).path("service").asText()).isEqualTo("__SERVICE__");
  }

  @ParameterizedTest(name = "NestJS {0}")
  @ValueSource(strings = {"11", "12"})
  void aBlankMessageIsTheCallersMistake(String nest) {
    JsonNode result = nestSends(nest, Map.of("message", " ")).get(0);
    assertThat(result.path("ok").asBoolean()).as(result.toString()).isFalse();
    assertThat(result.path("err").path("statusCode").asInt()).as(result.toString()).isEqualTo(400);
  }
}
