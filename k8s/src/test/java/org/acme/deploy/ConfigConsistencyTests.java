package org.acme.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * docker-compose.yml and the k8s overlays say the same things as the services' real configuration: every environment
 * key is a key the service has, every port is the one it listens on, every broker address names a broker that exists
 * with that port.
 */
class ConfigConsistencyTests {

  /**
   * Keys other issues are adding now (math's TCP port, the guard secret). The deployment files pass them already;
   * while a service does not declare one yet it is reported, not failed. Once declared, it is checked like any key.
   */
  static final Map<String, Set<String>> ANNOUNCED = Map.of("math-service", Set.of("NEST_SERVER_TCP_PORT", "MATH_GUARD_SECRET"));

  /** Where a service listens (its own interfaces), not an address it connects to. */
  private static final Set<String> BIND_HOSTS = Set.of("QUARKUS_HTTP_HOST", "QUARKUS_MANAGEMENT_HOST");
  // a user and password before the host (redis://user:password@redis:6379) are skipped
  private static final Pattern ADDRESS = Pattern.compile("^(?:[a-z]+://)?(?:[^@/]+@)?([A-Za-z0-9.-]+):(\\d+)$");
  private final Map<String, ServiceConfig> configs = ServiceConfig.all();

  @Test
  void everyEnvironmentKeyIsARealConfigKeyOfItsService() {
    assertThat(configs).as("service modules found").hasSizeGreaterThanOrEqualTo(6);
    Map<String, Map<String, Map<String, String>>> sources = new LinkedHashMap<>();
    sources.put("docker-compose.yml", composeEnv(Compose.main()));
    for (Path overlay : Repo.overlays()) {
      sources.put("k8s " + Repo.ROOT.relativize(overlay), k8sEnv(KustomizeSchemaTests.resources(overlay)));
    }
    List<String> problems = new ArrayList<>();
    sources.forEach((source, byService) -> byService.forEach((service, env) -> {
      ServiceConfig config = configs.get(service);
      for (String key : env.keySet()) {
        if (config.accepts(key)) {
          continue;
        }
        if (ANNOUNCED.getOrDefault(service, Set.of()).contains(key)) {
          System.out.printf("NOTE %s: %s sets %s, which %s does not declare yet (announced by another issue)%n",
              source, service, key, service);
          continue;
        }
        problems.add(source + ": " + service + " sets " + key + ", which is no config key of " + service
            + " (application.properties, its @ConfigMapping/@ConfigProperty, or a known Quarkus key)");
      }
    }));
    configs.values().forEach(c -> System.out.printf("config of %s: %d keys (classes read from %s)%n",
        c.service, c.keys.size(), c.scannedClassDirs.stream().map(Repo.ROOT::relativize).toList()));
    assertThat(problems).isEmpty();
  }

  @Test
  void everyHttpPortIsTheServicesOwn() {
    Map<String, Map<String, String>> compose = composeEnv(Compose.main());
    for (String service : configs.keySet()) {
      int port = Integer.parseInt(configs.get(service).property("quarkus.http.port"));
      assertThat(compose.get(service)).as("docker-compose.yml %s", service).containsEntry("QUARKUS_HTTP_PORT", String.valueOf(port));
      for (Path overlay : Repo.overlays()) {
        List<HasMetadata> resources = KustomizeSchemaTests.resources(overlay);
        Container container = container(resources, service);
        assertThat(containerPort(container, "http")).as("%s %s containerPort http", overlay, service).isEqualTo(port);
        assertThat(k8sEnv(resources).get(service)).containsEntry("QUARKUS_HTTP_PORT", String.valueOf(port));
        Service svc = KustomizeSchemaTests.byName(resources, Service.class).get(service);
        assertThat(svc).as("Service %s", service).isNotNull();
        assertThat(svc.getSpec().getPorts()).anyMatch(p -> "http".equals(p.getName()) && p.getPort() == port);
      }
    }
    var published = Compose.<List<String>>at(Compose.main().service("api-gateway"), "ports");
    assertThat(published).hasSize(1);
    assertThat(published.get(0)).endsWith(":" + configs.get("api-gateway").property("quarkus.http.port"));
  }

  /**
   * Health and metrics are on each service's management port ({@code quarkus.management.*}): compose tells the image's
   * health check that port (QUARKUS_MANAGEMENT_PORT, which it reads), and neither the image nor compose publishes it.
   */
  @Test
  void healthIsReadOnTheManagementPortWhichIsNeverPublished() {
    Compose compose = Compose.main();
    for (String service : configs.keySet()) {
      ServiceConfig config = configs.get(service);
      assertThat(config.property("quarkus.management.enabled")).as("%s quarkus.management.enabled", service).isEqualTo("true");
      String port = config.property("quarkus.management.port");
      assertThat(Repo.read(Repo.path("Dockerfile"))).as("the services' Dockerfile")
          .doesNotContainPattern("(?m)^EXPOSE\\b.*\\b" + port + "\\b");
      Map<String, Object> svc = compose.service(service);
      assertThat(compose.environment(service)).as("docker-compose.yml %s", service).containsEntry("QUARKUS_MANAGEMENT_PORT", port);
      List<?> published = Compose.at(svc, "ports");
      assertThat(published == null ? List.of() : published).as("docker-compose.yml %s ports", service)
          .noneMatch(p -> String.valueOf(p).matches(".*\\b" + port + "(:\\d+)?(/tcp)?"));
    }
  }

  /** Ports besides HTTP (math's TCP, gRPC): set by a *_PORT key everywhere, equal to the service's own value. */
  @Test
  void everyOtherListeningPortAgreesEverywhere() {
    Map<String, Map<String, String>> compose = composeEnv(Compose.main());
    for (Path overlay : Repo.overlays()) {
      List<HasMetadata> resources = KustomizeSchemaTests.resources(overlay);
      Map<String, Map<String, String>> k8s = k8sEnv(resources);
      for (String service : configs.keySet()) {
        for (ContainerPort p : container(resources, service).getPorts()) {
          if (p.getName().equals("http")) {
            continue;
          }
          String value = String.valueOf(p.getContainerPort());
          String key = k8s.get(service).entrySet().stream()
              .filter(e -> e.getKey().endsWith("_PORT") && e.getValue().equals(value)).map(Map.Entry::getKey).findFirst()
              .orElseThrow(() -> new AssertionError(service + " port " + p.getName() + "=" + value + " is set by no *_PORT key in its ConfigMap"));
          String own = configs.get(service).properties.stringPropertyNames().stream()
              .filter(k -> ServiceConfig.envName(k).equals(key)).map(configs.get(service)::property).findFirst().orElse(null);
          if (own != null) {
            assertThat(own).as("%s: %s in application.properties", service, key).isEqualTo(value);
          }
          assertThat(compose.get(service)).as("docker-compose.yml %s", service).containsEntry(key, value);
        }
      }
    }
  }

  /** Every broker address a service is given names a broker that exists and listens on that port. */
  @Test
  void everyBrokerAddressPointsAtARealBrokerPort() {
    List<String> problems = new ArrayList<>();
    Compose main = Compose.main();
    Map<String, Set<Integer>> composePorts = new LinkedHashMap<>();
    main.services().forEach((name, svc) -> {
      Set<Integer> ports = new java.util.TreeSet<>();
      List<?> expose = Compose.at(svc, "expose");
      if (expose != null) {
        expose.forEach(e -> ports.add(Integer.parseInt(String.valueOf(e))));
      }
      composePorts.put(name, ports);
    });
    composeEnv(main).forEach((service, env) -> addresses(env).forEach((key, address) -> {
      if (!composePorts.getOrDefault(address.host, Set.of()).contains(address.port)) {
        problems.add("docker-compose.yml " + service + " " + key + ": no compose service " + address.host + " exposing " + address.port);
      }
    }));
    for (Path overlay : Repo.overlays()) {
      List<HasMetadata> resources = KustomizeSchemaTests.resources(overlay);
      Map<String, Service> services = KustomizeSchemaTests.byName(resources, Service.class);
      k8sEnv(resources).forEach((service, env) -> addresses(env).forEach((key, address) -> {
        Service target = services.get(address.host);
        if (target == null || target.getSpec().getPorts().stream().noneMatch(p -> p.getPort() == address.port)) {
          problems.add(overlay + " " + service + " " + key + ": no Service " + address.host + " with port " + address.port);
        }
      }));
    }
    assertThat(problems).isEmpty();
  }


  record Address(String host, int port) {
    @Override
    public String toString() {
      return host + ":" + port;
    }
  }

  /** Broker addresses in an environment: host:port values, and X_HOST with X_PORT pairs. */
  static Map<String, Address> addresses(Map<String, String> env) {
    Map<String, Address> found = new LinkedHashMap<>();
    if (env == null) {
      return found;
    }
    env.forEach((key, value) -> {
      Matcher m = ADDRESS.matcher(value);
      if (m.matches()) {
        found.put(key, new Address(m.group(1), Integer.parseInt(m.group(2))));
      }
      // *_SERVER_*_HOST, the HTTP and the management host are where a service binds, not where it connects
      if (key.endsWith("_HOST") && !BIND_HOSTS.contains(key) && !key.contains("_SERVER_")) {
        String port = env.get(key.substring(0, key.length() - 5) + "_PORT");
        if (port != null) {
          found.put(key, new Address(value, Integer.parseInt(port)));
        }
      }
    });
    return found;
  }

  /** The environment of each service in a compose file. */
  private Map<String, Map<String, String>> composeEnv(Compose compose) {
    Map<String, Map<String, String>> env = new LinkedHashMap<>();
    for (String service : configs.keySet()) {
      if (compose.service(service) != null) {
        env.put(service, compose.environment(service));
      }
    }
    return env;
  }

  /** The environment of each service's container in k8s: its ConfigMaps (envFrom) and its env entries. */
  private Map<String, Map<String, String>> k8sEnv(List<HasMetadata> resources) {
    Map<String, ConfigMap> configMaps = KustomizeSchemaTests.byName(resources, ConfigMap.class);
    Map<String, Map<String, String>> env = new LinkedHashMap<>();
    for (String service : configs.keySet()) {
      Map<String, String> vars = new LinkedHashMap<>();
      Container container = container(resources, service);
      for (EnvFromSource from : container.getEnvFrom()) {
        if (from.getConfigMapRef() != null) {
          vars.putAll(configMaps.get(from.getConfigMapRef().getName()).getData());
        }
      }
      container.getEnv().forEach(e -> vars.put(e.getName(), e.getValue() == null ? "(from " + e.getValueFrom() + ")" : e.getValue()));
      env.put(service, vars);
    }
    return env;
  }

  private static Container container(List<HasMetadata> resources, String service) {
    Deployment deployment = KustomizeSchemaTests.byName(resources, Deployment.class).get(service);
    assertThat(deployment).as("Deployment %s", service).isNotNull();
    return deployment.getSpec().getTemplate().getSpec().getContainers().stream()
        .filter(c -> c.getName().equals(service)).findFirst().orElseThrow();
  }

  private static int containerPort(Container container, String name) {
    return container.getPorts().stream().filter(p -> name.equals(p.getName())).findFirst()
        .orElseThrow(() -> new AssertionError(container.getName() + " has no port named " + name)).getContainerPort();
  }
}
