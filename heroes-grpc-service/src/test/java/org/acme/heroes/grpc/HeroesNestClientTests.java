package org.acme.heroes.grpc;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.acme.heroes.FreeGrpcPort;
import org.acme.transport.testing.NestPeers;
import org.acme.transport.testing.NestPeers.Version;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A real NestJS {@code ClientGrpc} (grpc-heroes-client.mjs, NestJS 11 and 12, loading the same hero.proto) calls this
 * service: values, status codes and messages, the stream in order, an early unsubscribe; and the metadata it sends
 * with each call reaches the service methods, while metadata over the limits is refused with INVALID_ARGUMENT.
 */
@QuarkusTest
@WithTestResource(FreeGrpcPort.class)
class HeroesNestClientTests {

  private static final ObjectMapper JSON = new ObjectMapper();

  @ConfigProperty(name = "quarkus.grpc.server.test-port")
  int grpcPort;

  private JsonNode callEveryRpc(Version version, Map<String, String> metadata) throws Exception {
    return JSON.readTree(NestPeers.run(version, Duration.ofSeconds(60), "grpc-heroes-client.mjs", "--url", "127.0.0.1:" + grpcPort,
        "--metadata", JSON.writeValueAsString(metadata)));
  }

  @ParameterizedTest(name = "NestJS {0}")
  @ValueSource(strings = {"11", "12"})
  void nestClientCallsEveryRpc(String nest) throws Exception {
    JsonNode seen = callEveryRpc(Version.of(nest), Map.of());

    assertThat(seen.at("/findOne/ok/id").asInt()).isEqualTo(1);
    assertThat(seen.at("/findOne/ok/name").asText()).isEqualTo("Captain Loopback");
    assertThat(seen.at("/unknown/code").asInt()).isEqualTo(5); // NOT_FOUND, not Nest's usual UNKNOWN
    assertThat(seen.at("/unknown/details").asText()).isEqualTo("Hero 4242 not found");
    assertThat(seen.at("/zero/code").asInt()).isEqualTo(3); // INVALID_ARGUMENT
    assertThat(ids(seen.at("/findMany/ok/heroes"))).containsExactly(1, 2, 3, 4, 5, 6, 7, 8, 9, 10);
    assertThat(ids(seen.at("/stream/ok"))).containsExactly(1, 2, 3, 4, 5, 6, 7, 8, 9, 10);
    assertThat(ids(seen.at("/firstTwo/ok"))).containsExactly(1, 2);
  }

  @Test
  void theMetadataOfANest12CallReachesTheServiceMethods() throws Exception {
    MetadataSeen.BY_METHOD.clear();
    Map<String, String> metadata = Map.of("x-request-id", "nest-grpc-1", "traceparent", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01");
    JsonNode seen = callEveryRpc(Version.V12, metadata);
    assertThat(seen.at("/findOne/ok/id").asInt()).isEqualTo(1);
    assertThat(MetadataSeen.BY_METHOD).containsOnlyKeys("FindOne", "FindMany", "StreamHeroes");
    MetadataSeen.BY_METHOD.values().forEach(each -> assertThat(each).isEqualTo(metadata));
  }

  @Test
  void metadataOverTheLimitIsRefusedBeforeTheServiceRuns() throws Exception {
    Map<String, String> tooMany = new java.util.HashMap<>();
    for (int i = 0; i < 65; i++) {
      tooMany.put("x-entry-" + i, "v");
    }
    MetadataSeen.BY_METHOD.clear();
    JsonNode seen = callEveryRpc(Version.V12, tooMany);
    assertThat(seen.at("/findOne/code").asInt()).isEqualTo(3); // INVALID_ARGUMENT
    assertThat(seen.at("/findOne/details").asText()).contains("over the limit of 64").contains("nest.server.metadata.max-entries");
    assertThat(MetadataSeen.BY_METHOD).as("no service method ran").isEmpty();
  }

  private static List<Integer> ids(JsonNode heroes) {
    return StreamSupport.stream(heroes.spliterator(), false).map(hero -> hero.get("id").asInt()).toList();
  }
}
