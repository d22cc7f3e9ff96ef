package org.acme.transport.asyncapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smallrye.openapi.api.OpenApiConfig;
import io.smallrye.openapi.api.SmallRyeOpenAPI;
import io.smallrye.openapi.runtime.scanner.FilteredIndexView;
import io.smallrye.openapi.runtime.scanner.OpenApiDataObjectScanner;
import io.smallrye.openapi.runtime.scanner.spi.AnnotationScannerContext;
import java.io.IOException;
import java.lang.reflect.Type;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.models.OpenAPI;

/**
 * JSON Schemas of handler payloads and answers, made by SmallRye OpenAPI's own data-object scanner, the one that
 * writes the gateway's OpenAPI schemas at build time: records, String, numbers and BigDecimal, booleans, List, Map,
 * nested records, enums and Optional, with Bean Validation constraints as schema constraints ({@code @NotBlank},
 * {@code @Min}...). Nothing hand-written: SmallRye's scanner runs at run time as well, given a Jandex index of the
 * types ({@link TypeIndex}), and records are named components it refers to with {@code #/components/schemas/<Name>},
 * which is where AsyncAPI keeps them too. Its scanner is SmallRye's SPI rather than a stable API, so it is used here
 * alone; a SmallRye upgrade that moves it breaks this class's compilation, not the document silently.
 * <p>
 * Use: {@link #add} each type, then {@link #finish} once for every schema as JSON.
 */
final class PayloadSchemas {

  private static final String ROOT = "x-nest-root-";

  private final ObjectMapper json;
  private final TypeIndex types = new TypeIndex();
  private final Map<String, Type> roots = new LinkedHashMap<>();

  PayloadSchemas(ObjectMapper json) {
    this.json = json;
  }

  /**
   * Registers a payload type; returns the key its schema has in {@link Schemas#roots()}, or empty when it has none
   * to describe: any JSON (a JsonNode or Object parameter) gets {@code {}} there, no answer at all (void) is empty.
   */
  Optional<String> add(Type type) {
    if (type == void.class || type == Void.class) {
      return Optional.empty();
    }
    String key = ROOT + roots.size();
    roots.put(key, type);
    types.add(type);
    return Optional.of(key);
  }

  /** The schemas of every type added, and the named components they refer to. */
  record Schemas(Map<String, JsonNode> roots, ObjectNode components) {
  }

  Schemas finish() {
    OpenAPI model = OASFactory.createOpenAPI().components(OASFactory.createComponents());
    OpenApiConfig config = OpenApiConfig.fromConfig(ConfigProvider.getConfig());
    // the scanner registers the records it meets as components of this model, and refers to them there
    AnnotationScannerContext context = new AnnotationScannerContext(new FilteredIndexView(types.index(), config),
        Thread.currentThread().getContextClassLoader(), List.of(), config, model);
    Map<String, JsonNode> found = new LinkedHashMap<>();
    roots.forEach((key, type) -> {
      if (TypeIndex.anyJson(type)) {
        found.put(key, json.createObjectNode().put("description", "any JSON value"));
      } else {
        model.getComponents().addSchema(key, OpenApiDataObjectScanner.process(context, TypeIndex.jandex(type)));
      }
    });
    ObjectNode components = written(model);
    roots.keySet().stream().filter(components::has).forEach(key -> found.put(key, components.remove(key)));
    return new Schemas(found, components);
  }

  /** SmallRye's own writer, so its schema model comes out as the JSON Schema it means. */
  private ObjectNode written(OpenAPI model) {
    String text = SmallRyeOpenAPI.builder().withInitialModel(model).enableModelReader(false).enableStandardStaticFiles(false)
        .enableAnnotationScan(false).enableStandardFilter(false).build().toJSON();
    try {
      JsonNode schemas = json.readTree(text).path("components").path("schemas");
      return schemas.isObject() ? (ObjectNode) schemas : json.createObjectNode();
    } catch (IOException e) {
      throw new IllegalStateException("SmallRye OpenAPI wrote JSON that does not read back", e);
    }
  }
}
