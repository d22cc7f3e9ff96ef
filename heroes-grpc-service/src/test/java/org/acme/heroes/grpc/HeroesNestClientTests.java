package org.acme.heroes.grpc;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.List;
import java.util.stream.StreamSupport;
import org.acme.heroes.FreeGrpcPort;
import org.acme.transport.testing.NestPeers;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * A real NestJS {@code ClientGrpc} (grpc-heroes-client.js, loading the same hero.proto) calls this service:
 * values, status codes and messages, the stream in order, and an early unsubscribe.
 */
@QuarkusTest
@WithTestResource(FreeGrpcPort.class)
class HeroesNestClientTests {

  @ConfigProperty(name = "quarkus.grpc.server.test-port")
  int grpcPort;

  @Test
  void nestClientCallsEveryRpc() throws Exception {
    String out = NestPeers.run(Duration.ofSeconds(60), "grpc-heroes-client.js", "--url", "127.0.0.1:" + grpcPort);
    JsonNode seen = new ObjectMapper().readTree(out);

    assertThat(seen.at("/findOne/ok/id").asInt()).isEqualTo(1);
    assertThat(seen.at("/findOne/ok/name").asText()).isEqualTo("Captain Loopback");
    assertThat(seen.at("/unknown/code").asInt()).isEqualTo(5); // NOT_FOUND, not Nest's usual UNKNOWN
    assertThat(seen.at("/unknown/details").asText()).isEqualTo("Hero 4242 not found");
    assertThat(seen.at("/zero/code").asInt()).isEqualTo(3); // INVALID_ARGUMENT
    assertThat(ids(seen.at("/findMany/ok/heroes"))).containsExactly(1, 2, 3, 4, 5, 6, 7, 8, 9, 10);
    assertThat(ids(seen.at("/stream"))).containsExactly(1, 2, 3, 4, 5, 6, 7, 8, 9, 10);
    assertThat(ids(seen.at("/firstTwo"))).containsExactly(1, 2);
  }

  private static List<Integer> ids(JsonNode heroes) {
    return StreamSupport.stream(heroes.spliterator(), false).map(hero -> hero.get("id").asInt()).toList();
  }
}
