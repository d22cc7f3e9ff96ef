package org.acme.transport.asyncapi;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.acme.transport.codec.NestError;
import org.junit.jupiter.api.Test;

/** The schemas SmallRye's scanner gives the kinds of types handlers take and answer, outside Quarkus. */
class PayloadSchemasTests {

  enum Method { CARD, CASH }

  record Line(@NotBlank String sku, @Min(1) int quantity) {
  }

  record Order(@NotBlank String customer, List<@Valid Line> lines, Map<String, BigDecimal> prices, Method method, boolean rush,
      Optional<String> note, long version) {
  }

  @Test
  void recordsWithEveryKindOfComponent() throws Exception {
    PayloadSchemas schemas = new PayloadSchemas(new ObjectMapper());
    String order = schemas.add(Order.class).orElseThrow();
    String sum = schemas.add(PayloadSchemasTests.class.getDeclaredMethod("numbers").getGenericReturnType()).orElseThrow();
    String any = schemas.add(JsonNode.class).orElseThrow();
    assertThat(schemas.add(void.class)).as("no answer, no schema").isEmpty();
    PayloadSchemas.Schemas found = schemas.finish();

    JsonNode root = found.roots().get(order);
    assertThat(root.at("/required").toString()).contains("customer");
    assertThat(root.at("/properties/lines/items/$ref").asText()).isEqualTo("#/components/schemas/Line");
    assertThat(root.at("/properties/prices/additionalProperties/type").asText()).isEqualTo("number");
    assertThat(root.at("/properties/rush/type").asText()).isEqualTo("boolean");
    assertThat(root.at("/properties/note/type").toString()).contains("string");
    assertThat(root.at("/properties/version/type").asText()).isEqualTo("integer");
    JsonNode method = root.at("/properties/method/$ref").isMissingNode() ? root.at("/properties/method")
        : found.components().get(root.at("/properties/method/$ref").asText().replace("#/components/schemas/", ""));
    assertThat(method.at("/enum").toString()).isEqualTo("[\"CARD\",\"CASH\"]");
    assertThat(found.components().at("/Line/properties/quantity/minimum").asInt()).isEqualTo(1);
    assertThat(found.roots().get(sum).toString()).isEqualTo("{\"type\":\"array\",\"items\":{\"type\":\"number\"}}");
    assertThat(found.roots().get(any).at("/type").isMissingNode()).as("any JSON: no type").isTrue();
  }

  /** Nest's err shape comes from the record the servers build it with: its fields, their descriptions, room for a service's ids. */
  @Test
  void theErrorShapeIsTheRecords() {
    PayloadSchemas schemas = new PayloadSchemas(new ObjectMapper());
    String error = schemas.add(NestError.class).orElseThrow();
    PayloadSchemas.Schemas found = schemas.finish();

    JsonNode root = found.roots().get(error);
    assertThat(root.path("properties").properties()).extracting(Map.Entry::getKey)
        .containsExactlyInAnyOrder("status", "code", "statusCode", "message", "errors");
    assertThat(root.at("/properties/statusCode/type").asText()).isEqualTo("integer");
    assertThat(root.at("/properties/statusCode/description").asText()).contains("4xx");
    assertThat(root.at("/required").toString()).contains("status");
    assertThat(root.path("additionalProperties").isMissingNode()).as("a service's ids beside the fields").isFalse();
    assertThat(root.at("/properties/errors/items/$ref").asText()).isEqualTo("#/components/schemas/FieldError");
    assertThat(found.components().at("/FieldError/properties").properties()).extracting(Map.Entry::getKey).containsExactly("field", "message");
  }

  static List<BigDecimal> numbers() {
    return List.of();
  }
}
