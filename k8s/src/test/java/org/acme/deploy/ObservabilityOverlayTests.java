package org.acme.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.acme.transport.testing.Tools;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;

/**
 * docker-compose.observability.yml and its files (scripts/observability): Prometheus's configuration and every query of
 * the dashboard pass Prometheus's own checker, every service is scraped and traced, and nothing is open beyond this
 * machine. That the dashboard's metrics are ones the services really export is checked against the running stack
 * (.ci/compose-smoke.sh); the four images themselves are not run here.
 */
class ObservabilityOverlayTests {

  static final Path DIR = Repo.path("scripts", "observability");
  static final Path DASHBOARD = DIR.resolve("grafana/dashboards/nest-services.json");

  @Test
  void prometheusAcceptsItsConfiguration() throws Exception {
    String out = promtool("check", "config", DIR.resolve("prometheus.yml").toString());
    assertThat(out).contains("SUCCESS");
  }

  /** Each query of the dashboard as a recording rule: promtool parses the PromQL (a typo fails here, not in Grafana). */
  @Test
  void everyDashboardQueryIsValidPromQL(@TempDir Path dir) throws Exception {
    StringBuilder rules = new StringBuilder("groups:\n  - name: dashboard\n    rules:\n");
    List<String> queries = queries();
    for (int i = 0; i < queries.size(); i++) {
      rules.append("      - record: dashboard:query_").append(i).append("\n        expr: ")
          .append(new ObjectMapper().writeValueAsString(queries.get(i))).append('\n');
    }
    Path file = Files.writeString(dir.resolve("dashboard-rules.yml"), rules);
    assertThat(promtool("check", "rules", file.toString())).contains("SUCCESS: " + queries.size() + " rules found");
  }

  /** Prometheus scrapes every service of services.txt on its management port, where /q/metrics is. */
  @Test
  void prometheusScrapesEveryServiceOnItsManagementPort() {
    Map<String, Object> prometheus = new Yaml().load(Repo.read(DIR.resolve("prometheus.yml")));
    List<Map<String, Object>> jobs = Compose.at(prometheus, "scrape_configs");
    assertThat(jobs).hasSize(1);
    assertThat(Compose.<String>at(jobs.get(0), "metrics_path")).isEqualTo("/q/metrics");
    TreeSet<String> targets = new TreeSet<>();
    for (Map<String, Object> group : Compose.<List<Map<String, Object>>>at(jobs.get(0), "static_configs")) {
      targets.addAll(Compose.<List<String>>at(group, "targets"));
    }
    TreeSet<String> expected = new TreeSet<>();
    ServicesListTests.entries().forEach(e -> expected.add(e.service() + ":" + e.management()));
    assertThat(targets).isEqualTo(expected);
  }

  /** Every service sends its spans to the collector, whose traces pipeline ends in Jaeger. */
  @Test
  void everyServiceIsTracedThroughTheCollectorToJaeger() {
    Map<String, Object> overlay = overlay();
    for (String service : Repo.services()) {
      Map<String, Object> env = Compose.at(overlay, "services", service, "environment");
      assertThat(env).as("%s in the overlay", service).containsEntry("NEST_TRACING_ENDPOINT", "http://otel-collector:4317");
    }
    Map<String, Object> collector = new Yaml().load(Repo.read(DIR.resolve("otel-collector.yaml")));
    assertThat(Compose.<String>at(collector, "receivers", "otlp", "protocols", "grpc", "endpoint")).endsWith(":4317");
    List<String> exporters = Compose.at(collector, "service", "pipelines", "traces", "exporters");
    assertThat(exporters).isNotEmpty();
    exporters.forEach(name -> assertThat(Compose.<String>at(collector, "exporters", name, "endpoint")).isEqualTo("jaeger:4317"));
    assertThat(Compose.<List<String>>at(collector, "service", "pipelines", "traces", "processors")).first()
        .as("the memory limiter first").isEqualTo("memory_limiter");
    assertThat(Compose.<List<String>>at(overlay, "services", "jaeger", "expose")).contains("4317");
  }

  /** The UIs only on 127.0.0.1; Grafana without a login to make up or a password to commit. */
  @Test
  void nothingIsOpenBeyondThisMachineAndNoPasswordIsFixed() {
    Map<String, Object> overlay = overlay();
    List<String> problems = new ArrayList<>();
    Compose.<Map<String, Map<String, Object>>>at(overlay, "services").forEach((name, svc) -> {
      List<String> ports = Compose.at(svc, "ports");
      (ports == null ? List.<String>of() : ports).stream().filter(p -> !p.startsWith("127.0.0.1:"))
          .forEach(p -> problems.add(name + " publishes " + p + " beyond 127.0.0.1"));
      if (svc.get("image") != null && svc.get("mem_limit") == null) {
        problems.add(name + ": no memory limit");
      }
    });
    Map<String, Object> grafana = Compose.at(overlay, "services", "grafana", "environment");
    assertThat(grafana).doesNotContainKey("GF_SECURITY_ADMIN_PASSWORD").containsEntry("GF_AUTH_DISABLE_LOGIN_FORM", "true")
        .containsEntry("GF_AUTH_ANONYMOUS_ORG_ROLE", "Viewer");
    assertThat(problems).isEmpty();
  }

  /** The dashboard reads the data source Grafana is given (by uid), and Grafana loads it from where it is mounted. */
  @Test
  void theDashboardUsesTheProvisionedDataSource() throws Exception {
    Map<String, Object> sources = new Yaml().load(Repo.read(DIR.resolve("grafana/provisioning/datasources/datasources.yaml")));
    TreeSet<String> uids = new TreeSet<>();
    Compose.<List<Map<String, Object>>>at(sources, "datasources").forEach(s -> uids.add((String) s.get("uid")));
    JsonNode dashboard = new ObjectMapper().readTree(DASHBOARD.toFile());
    for (JsonNode panel : dashboard.get("panels")) {
      assertThat(uids).as("panel %s", panel.get("title")).contains(panel.at("/datasource/uid").asText());
    }
    assertThat(Compose.<List<String>>at(overlay(), "services", "grafana", "volumes"))
        .contains("./scripts/observability/grafana/dashboards:/var/lib/grafana/dashboards:ro");
  }

  /** The PromQL of every panel, in order. */
  static List<String> queries() throws Exception {
    List<String> queries = new ArrayList<>();
    for (JsonNode panel : new ObjectMapper().readTree(DASHBOARD.toFile()).get("panels")) {
      panel.get("targets").forEach(t -> queries.add(t.get("expr").asText()));
    }
    assertThat(queries).isNotEmpty();
    return queries;
  }

  static Map<String, Object> overlay() {
    return new Yaml().load(Repo.read(Repo.path("docker-compose.observability.yml")));
  }

  static String promtool(String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of(Tools.require("promtool", "apt-get install prometheus (./dev test does it when run as root).")));
    command.addAll(List.of(args));
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as("%s:%n%s", command, out).isZero();
    return out;
  }
}
