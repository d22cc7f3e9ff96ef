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
 * docker-compose.yml, CI's compose layer and the k8s overlays say the same things as the services' real
 * configuration: every environment key is a key the service has, every port is the one it listens on, every
 * broker address names a broker that exists with that port, and CI's port plan is the standard plan + 10000.
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

  /** CI's port plan: the standard port + 10000, but RabbitMQ's 5672 goes to 15673 (15672 is its management UI). */
  static int ciPort(int standard) {
    return standard == 5672 ? 15673 : standard + 10000;
  }

  @Test
  void everyEnvironmentKeyIsARealConfigKeyOfItsService() {
    assertThat(configs).as("service modules found").hasSizeGreaterThanOrEqualTo(6);
    Map<String, Map<String, Map<String, String>>> sources = new LinkedHashMap<>();
    sources.put("docker-compose.yml", composeEnv(Compose.main()));
    sources.put(".ci/docker-compose.ci.yml", composeEnv(Compose.ci()));
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
    Map<String, Map<String, String>> ci = composeEnv(Compose.ci());
    for (String service : configs.keySet()) {
      int port = Integer.parseInt(configs.get(service).property("quarkus.http.port"));
      assertThat(compose.get(service)).as("docker-compose.yml %s", service).containsEntry("QUARKUS_HTTP_PORT", String.valueOf(port));
      assertThat(ci.get(service)).as(".ci/docker-compose.ci.yml %s", service)
          .containsEntry("QUARKUS_HTTP_PORT", String.valueOf(ciPort(port)))
          .containsEntry("QUARKUS_HTTP_HOST", "127.0.0.1");
      String dockerfile = Repo.read(Repo.path(service, "src/main/docker/Dockerfile.jvm"));
      // only the public port: the image's healthcheck reads the management port (healthIsReadOnTheManagementPort...)
      assertThat(dockerfile).as("%s Dockerfile.jvm", service).containsPattern("(?m)^EXPOSE " + port + "$");
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
   * Health and metrics are on each service's management port ({@code quarkus.management.*}): the image's and compose's
   * healthchecks read them there, and neither the image nor compose publishes that port.
   */
  @Test
  void healthIsReadOnTheManagementPortWhichIsNeverPublished() {
    Compose compose = Compose.main();
    for (String service : configs.keySet()) {
      ServiceConfig config = configs.get(service);
      assertThat(config.property("quarkus.management.enabled")).as("%s quarkus.management.enabled", service).isEqualTo("true");
      String port = config.property("quarkus.management.port");
      assertThat(Repo.read(Repo.path(service, "src/main/docker/Dockerfile.jvm"))).as("%s Dockerfile.jvm", service)
          .containsPattern("(?m)^HEALTHCHECK[\\s\\S]*?\\$\\{QUARKUS_MANAGEMENT_PORT:-" + port + "}/q/health/ready")
          .doesNotContainPattern("(?m)^EXPOSE\\b.*\\b" + port + "\\b");
      Map<String, Object> svc = compose.service(service);
      assertThat(String.join(" ", Compose.<List<String>>at(svc, "healthcheck", "test"))).as("docker-compose.yml %s healthcheck", service)
          .contains("${QUARKUS_MANAGEMENT_PORT}/q/health/ready");
      List<?> published = Compose.at(svc, "ports");
      assertThat(published == null ? List.of() : published).as("docker-compose.yml %s ports", service)
          .noneMatch(p -> String.valueOf(p).matches(".*\\b" + port + "(:\\d+)?(/tcp)?"));
    }
  }

  /** Ports besides HTTP (math's TCP, gRPC): set by a *_PORT key everywhere, equal to the service's own value. */
  @Test
  void everyOtherListeningPortAgreesEverywhere() {
    Map<String, Map<String, String>> compose = composeEnv(Compose.main());
    Map<String, Map<String, String>> ci = composeEnv(Compose.ci());
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
          assertThat(ci.get(service)).as(".ci/docker-compose.ci.yml %s", service)
              .containsEntry(key, String.valueOf(ciPort(p.getContainerPort())));
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
    Map<String, Map<String, String>> mainEnv = composeEnv(main);
    composeEnv(Compose.ci()).forEach((service, env) -> addresses(env).forEach((key, address) -> {
      Address standard = addresses(mainEnv.get(service)).get(key);
      if (!address.host.equals("127.0.0.1") || standard == null || address.port != ciPort(standard.port)) {
        problems.add(".ci/docker-compose.ci.yml " + service + " " + key + ": expected 127.0.0.1:"
            + (standard == null ? "?" : ciPort(standard.port)) + ", found " + address);
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

  /** CI's brokers listen on loopback, on the plan's port for their standard (exposed) port. */
  @Test
  void ciBrokersListenOnLoopbackOnThePlannedPorts() {
    Compose main = Compose.main();
    Compose ci = Compose.ci();
    List<String> problems = new ArrayList<>();
    ci.services().forEach((name, svc) -> {
      if (!"host".equals(svc.get("network_mode"))) {
        problems.add(name + ": CI runs every container with network_mode: host");
      }
    });
    assertThat(ci.services().keySet()).containsExactlyInAnyOrderElementsOf(main.services().keySet());
    Set<Integer> planned = new java.util.TreeSet<>();
    main.services().forEach((name, svc) -> {
      List<?> expose = Compose.at(svc, "expose");
      if (expose != null) {
        expose.forEach(e -> planned.add(ciPort(Integer.parseInt(String.valueOf(e)))));
      }
    });
    for (String broker : main.services().keySet()) {
      if (configs.containsKey(broker)) {
        continue;
      }
      Map<String, String> env = ci.environment(broker);
      env.forEach((key, value) -> {
        if (key.endsWith("_BIND") && !value.equals("127.0.0.1")) {
          problems.add(broker + ": " + key + " must be 127.0.0.1");
        }
        if (key.endsWith("_PORT") && !key.startsWith("ERL_EPMD") && !key.endsWith("DIST_PORT") && !planned.contains(Integer.parseInt(value))) {
          problems.add(broker + ": " + key + "=" + value + " is not on the plan " + planned);
        }
        if (key.endsWith("LISTENERS") || key.endsWith("VOTERS")) {
          Matcher m = Pattern.compile("(?:@|//)([^:,/]+):(\\d+)").matcher(value);
          while (m.find()) {
            if (!m.group(1).equals("127.0.0.1") || Integer.parseInt(m.group(2)) < 10000) {
              problems.add(broker + ": " + key + " must stay on 127.0.0.1 and the CI plan: " + value);
            }
          }
        }
      });
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
