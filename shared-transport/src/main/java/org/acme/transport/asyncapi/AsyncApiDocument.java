package org.acme.transport.asyncapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.inject.Singleton;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.acme.transport.codec.NestError;
import org.acme.transport.handler.MessageRouter;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * This service's AsyncAPI 3.0.0 document, from what it really serves: every route the {@link MessageRouter} found,
 * on every transport server that is switched on ({@link Wires}), as a channel at the transport's own address, a
 * {@code receive} operation with its reply (requests; events have none), Nest's packets around the payloads
 * ({@link NestMessages}), and the payload schemas of the handlers' parameter and answer types ({@link PayloadSchemas}).
 * Each operation names its route in {@code x-nest-pattern}, where an address cannot (TCP, RabbitMQ).
 */
@Singleton
public class AsyncApiDocument {

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private final MessageRouter router;
  private final Wires wires;
  private final ObjectMapper json;
  private final String title;
  private final String version;

  AsyncApiDocument(MessageRouter router, Wires wires, ObjectMapper json,
      @ConfigProperty(name = "quarkus.application.name", defaultValue = "nest-service") String title,
      @ConfigProperty(name = "quarkus.application.version", defaultValue = "1.0.0") String version) {
    this.router = router;
    this.wires = wires;
    this.json = json;
    this.title = title;
    this.version = version;
  }

  public ObjectNode build() {
    List<Route> routes = Route.all(router);
    PayloadSchemas schemas = new PayloadSchemas(json);
    Map<Route, Route.Keys> keys = Route.register(routes, schemas);
    // the err shape from the record every server builds it with, made as the payloads' are: one source for both
    String error = schemas.add(NestError.class).orElseThrow();
    PayloadSchemas.Schemas found = schemas.finish();

    ObjectNode doc = json.createObjectNode().put("asyncapi", "3.0.0");
    doc.putObject("info").put("title", title).put("version", version)
        .put("description", "The message patterns of " + title + " on each transport it serves, in NestJS's wire format.");
    doc.put("defaultContentType", "application/json");
    ObjectNode servers = doc.putObject("servers");
    ObjectNode channels = doc.putObject("channels");
    ObjectNode operations = doc.putObject("operations");
    ObjectNode componentSchemas = doc.putObject("components").putObject("schemas");
    componentSchemas.setAll(found.components());
    componentSchemas.set(NestMessages.ERROR, found.roots().get(error));
    Set<String> ids = new HashSet<>();
    for (Wire wire : wires.enabled()) {
      ObjectNode server = servers.putObject(wire.transport()).put("host", wire.host()).put("protocol", wire.protocol())
          .put("description", wire.about());
      wire.pathname().ifPresent(path -> server.put("pathname", path));
      for (Route route : routes) {
        if (wire.serves().test(route.route())) {
          Route.Keys key = keys.get(route);
          JsonNode data = key.data().map(found.roots()::get).orElseGet(() -> NODES.objectNode().put("description", "no data is read"));
          new ChannelWriter(wire, channels, operations).write(route, unique(ids, wire.transport() + "_" + slug(route.route())),
              data, key.result().map(found.roots()::get));
        }
      }
    }
    return doc;
  }

  /** A key AsyncAPI takes for a channel or operation (letters, digits, _ and -), from the route. */
  static String slug(String route) {
    String slug = route.replaceAll("[^A-Za-z0-9]+", "_").replaceAll("^_|_$", "");
    return slug.isEmpty() ? "route" : slug;
  }

  private static String unique(Set<String> ids, String id) {
    String candidate = id;
    for (int n = 2; !ids.add(candidate); n++) {
      candidate = id + "_" + n;
    }
    return candidate;
  }
}
