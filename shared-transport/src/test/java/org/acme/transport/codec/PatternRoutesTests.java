package org.acme.transport.codec;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.acme.transport.testing.NestPeers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Route normalisation, checked by hand and then against Nest's own transformPatternToRoute from npm. */
class PatternRoutesTests {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void sortsKeysWithoutWhitespace() {
    assertThat(PatternRoutes.route("{\"role\":\"math\",\"cmd\":\"sum\"}")).isEqualTo("{\"cmd\":\"sum\",\"role\":\"math\"}");
    assertThat(PatternRoutes.route("{ \"cmd\" : \"sum\" }")).isEqualTo("{\"cmd\":\"sum\"}");
  }

  @Test
  void stringsStayAsTheyAre() {
    assertThat(PatternRoutes.route("user_created")).isEqualTo("user_created");
    assertThat(PatternRoutes.route("{not json")).isEqualTo("{not json");
  }

  @Test
  void numbersBooleansAndNullsAreBare() {
    assertThat(PatternRoutes.route("{\"n\":42,\"f\":1.5,\"t\":true,\"z\":null}")).isEqualTo("{\"f\":1.5,\"n\":42,\"t\":true,\"z\":null}");
    assertThat(PatternRoutes.route("{\"big\":1e21,\"small\":1e-7,\"whole\":3.0}")).isEqualTo("{\"big\":1e+21,\"small\":1e-7,\"whole\":3}");
  }

  @Test
  void nestsAndTreatsArraysAsObjects() {
    assertThat(PatternRoutes.route("{\"a\":{\"c\":1,\"b\":[\"x\",2]}}")).isEqualTo("{\"a\":{\"b\":{\"0\":\"x\",\"1\":2},\"c\":1}}");
  }

  @Test
  void escapesQuotesAndBackslashes() {
    assertThat(PatternRoutes.route("{\"k\\\"\":\"a\\\\b\"}")).isEqualTo("{\"k\\\"\":\"a\\\\b\"}");
  }

  @Test
  void limitsDepthAndKeys() {
    assertThat(PatternRoutes.route("{\"a\":{\"b\":{\"c\":{\"d\":{\"e\":{\"f\":{\"g\":1}}}}}}}")).contains("[MAX_DEPTH_REACHED]");
    Map<String, Integer> many = new LinkedHashMap<>();
    for (int i = 0; i < 21; i++) {
      many.put("k" + i, i);
    }
    assertThat(PatternRoutes.route(JSON.valueToTree(many))).isEqualTo("[TOO_MANY_KEYS]");
  }

  @Test
  void keyOrderFollowsJavascriptLocaleCompare() {
    assertThat(PatternRoutes.route("{\"Cmd\":1,\"cmd\":2,\"B\":3,\"b\":4,\"ab\":5,\"a_b\":6,\"A\":7,\"a\":8,\"2\":9,\"10\":10,\"1\":11,\"_x\":12}"))
        .isEqualTo("{\"_x\":12,\"1\":11,\"10\":10,\"2\":9,\"a\":8,\"A\":7,\"a_b\":6,\"ab\":5,\"b\":4,\"B\":3,\"cmd\":2,\"Cmd\":1}");
  }

  /** The referee: Nest's own function (11 and 12), run by Node, on a spread of patterns. */
  @ParameterizedTest(name = "NestJS {0}")
  @ValueSource(strings = {"11", "12"})
  void agreesWithNest(String version) throws Exception {
    List<Object> patterns = new ArrayList<>(List.of(
        Map.of("cmd", "sum"),
        Map.of("role", "math", "cmd", "sum"),
        "user_created",
        42,
        Map.of("a", Map.of("b", List.of(1, "q\"x", true)), "Z", 0.5, "z", -3),
        Map.of("x-y", 1, "x_y", 2, "x.y", 3, "x y", 4, "xY", 5, "Xy", 6, "x1", 7, "x", 8),
        Map.of("cmd", "count", "v", 2, "ns", Map.of("deep", Map.of("er", Map.of("est", Map.of("x", Map.of("y", 1))))))));
    List<String> nest = NestPeers.routes(NestPeers.Version.of(version), patterns);
    for (int i = 0; i < patterns.size(); i++) {
      assertThat(PatternRoutes.route(JSON.valueToTree(patterns.get(i)))).as("pattern %s", patterns.get(i)).isEqualTo(nest.get(i));
    }
  }
}
