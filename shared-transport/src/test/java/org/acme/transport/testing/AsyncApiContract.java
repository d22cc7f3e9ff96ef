package org.acme.transport.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.arc.Arc;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.acme.transport.handler.MessageRouter;
import org.acme.transport.kafka.KafkaServer;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/**
 * What every service's AsyncAPI test checks (a {@code @QuarkusTest} that {@code implements AsyncApiContract}): the
 * document at {@code /q/asyncapi} on the management port passes the official AsyncAPI parser
 * ({@code src/test/asyncapi}, {@code @asyncapi/parser} pinned by its package-lock.json), and names every route the
 * router serves on every transport server that is switched on, at the transport's own address.
 */
public interface AsyncApiContract {

  List<String> TRANSPORTS = List.of("tcp", "redis", "nats", "mqtt", "rmq", "kafka");
  /** Transports whose channel is the route itself, and where their replies go. */
  Map<String, String> ROUTE_ADDRESSED = Map.of("redis", ".reply", "mqtt", "/reply", "nats", "", "kafka", ".reply");

  static JsonNode document() {
    String text = ManagementPort.given().get("/q/asyncapi").then().statusCode(200).contentType("application/json").extract().asString();
    try {
      return new ObjectMapper().readTree(text);
    } catch (IOException e) {
      throw new AssertionError("/q/asyncapi is no JSON: " + text, e);
    }
  }

  /** The request and event channels of one transport's server in /q/asyncapi (not its reply channels). */
  static List<JsonNode> channelsOn(String transport) {
    List<JsonNode> found = new java.util.ArrayList<>();
    document().path("channels").properties().forEach(entry -> {
      JsonNode channel = entry.getValue();
      if (!entry.getKey().endsWith("_reply") && channel.path("servers").path(0).path("$ref").asText().equals("#/servers/" + transport)) {
        found.add(channel);
      }
    });
    return found;
  }

  @Test
  default void theDocumentPassesTheAsyncApiParser() throws IOException {
    Path dir = NestPeers.repoRoot().resolve("shared-transport/src/test/asyncapi");
    NodeScripts.ensureInstalled(dir);
    // kept in the module's target/, to read when the parser finds fault with it
    Path file = Path.of("target", "asyncapi.json").toAbsolutePath();
    Files.createDirectories(file.getParent());
    Files.writeString(file, document().toPrettyString());
    NodeScripts.Result run = NodeScripts.exec(dir, Map.of(), Duration.ofSeconds(60), List.of("node", "validate.mjs", file.toString()));
    assertThat(run.exitCode()).as("@asyncapi/parser on /q/asyncapi (%s):%n%s%s", file, run.stdout(), run.stderr()).isZero();
    assertThat(run.stdout()).contains("\"valid\":true");
  }

  @Test
  default void everyRouteIsOnEveryEnabledTransport() {
    JsonNode doc = document();
    MessageRouter router = Arc.container().instance(MessageRouter.class).get();
    Map<String, Set<String>> expected = new TreeMap<>();
    Map<String, Set<String>> found = new TreeMap<>();
    for (String transport : TRANSPORTS) {
      if (ConfigProvider.getConfig().getOptionalValue("nest.server." + transport + ".enabled", Boolean.class).orElse(false)) {
        expected.put(transport, new TreeSet<>(router.handlers().allRoutes().stream()
            .filter(route -> !transport.equals("kafka") || KafkaServer.servesRoute(route)).toList()));
        found.put(transport, new TreeSet<>());
      }
    }
    assertThat(expected).as("a service that serves no transport has nothing to check").isNotEmpty();
    doc.path("operations").properties().forEach(entry -> {
      JsonNode operation = entry.getValue();
      JsonNode channel = resolve(doc, operation.path("channel").path("$ref").asText());
      String transport = channel.path("servers").path(0).path("$ref").asText().replace("#/servers/", "");
      String route = operation.path("x-nest-pattern").asText();
      found.computeIfAbsent(transport, t -> new TreeSet<>()).add(route);
      if (ROUTE_ADDRESSED.containsKey(transport)) {
        assertThat(channel.path("address").asText()).as("%s on %s: its channel", route, transport).isEqualTo(route);
        if (router.handlers().hasMessageHandler(route) && !ROUTE_ADDRESSED.get(transport).isEmpty()) {
          JsonNode reply = resolve(doc, operation.path("reply").path("channel").path("$ref").asText());
          assertThat(reply.path("address").asText()).as("%s on %s: its reply channel", route, transport)
              .isEqualTo(route + ROUTE_ADDRESSED.get(transport));
        }
      }
      assertThat(operation.has("reply")).as("%s on %s: a reply exactly when it is a request", route, transport)
          .isEqualTo(router.handlers().hasMessageHandler(route));
    });
    assertThat(found).as("the routes of each enabled transport in /q/asyncapi").isEqualTo(expected);
  }

  @Test
  default void onlyOnTheManagementPort() {
    ServiceProbes.assertOnlyOnManagementPort("/q/asyncapi");
  }

  private static JsonNode resolve(JsonNode doc, String ref) {
    assertThat(ref).startsWith("#/");
    JsonNode node = doc.at(ref.substring(1));
    assertThat(node.isMissingNode()).as("%s resolves", ref).isFalse();
    return node;
  }
}
