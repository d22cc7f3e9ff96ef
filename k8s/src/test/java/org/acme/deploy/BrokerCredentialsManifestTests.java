package org.acme.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/**
 * k8s runs every broker with credentials, as compose does: each broker gets the passwords (to make each service's
 * user, scripts/access), each service logs in as itself on every broker it uses, and no secret value is written in
 * the repository (the Secrets come from the files ./dev secrets makes).
 */
class BrokerCredentialsManifestTests {

  static final List<String> BROKERS = List.of("redis", "nats", "mosquitto", "rabbitmq", "kafka");
  static final Map<String, String> USER_KEYS = Map.of("NEST_NATS_PASSWORD", "NEST_NATS_USERNAME", "NEST_MQTT_PASSWORD", "NEST_MQTT_USERNAME",
      "NEST_RABBITMQ_PASSWORD", "NEST_RABBITMQ_USERNAME", "NEST_KAFKA_PASSWORD", "NEST_KAFKA_USERNAME");

  static Stream<Path> overlays() {
    return Repo.overlays().stream();
  }

  @Test
  void noSecretValueIsWrittenInTheRepository() throws IOException {
    try (Stream<Path> files = Files.walk(Repo.path("k8s"))) {
      for (Path file : files.filter(f -> f.getFileName().toString().equals("kustomization.yaml")).toList()) {
        assertThat(Files.readString(file)).as("%s: a Secret's value written in the repository", file).doesNotContain("literals:");
      }
    }
  }

  @ParameterizedTest
  @MethodSource("overlays")
  void everyBrokerAsksForCredentialsAndEveryServiceLogsInAsItself(Path overlay) {
    List<HasMetadata> resources = KustomizeSchemaTests.resources(overlay);
    List<String> problems = new ArrayList<>();
    for (String broker : BROKERS) {
      Container container = container(resources, broker);
      // kustomize names a generated Secret broker-passwords-<hash of its content>
      boolean passwords = container.getEnvFrom().stream().anyMatch(from -> from.getSecretRef() != null
          && from.getSecretRef().getName().startsWith("broker-passwords"));
      if (!passwords) {
        problems.add(broker + " does not take the Secret broker-passwords, so it lets anyone in");
      }
    }
    for (Deployment deployment : KustomizeSchemaTests.byName(resources, Deployment.class).values()) {
      String service = deployment.getMetadata().getName();
      Container container = deployment.getSpec().getTemplate().getSpec().getContainers().get(0);
      Map<String, ConfigMap> configMaps = KustomizeSchemaTests.byName(resources, ConfigMap.class);
      Map<String, String> config = new HashMap<>();
      container.getEnvFrom().stream().filter(from -> from.getConfigMapRef() != null)
          .forEach(from -> config.putAll(configMaps.get(from.getConfigMapRef().getName()).getData()));
      for (EnvVar variable : container.getEnv()) {
        String userKey = USER_KEYS.get(variable.getName());
        if (userKey != null && !service.equals(config.get(userKey))) {
          problems.add(service + " sets " + variable.getName() + " but does not log in as " + service + " (" + userKey + ")");
        }
        if (variable.getName().equals("QUARKUS_REDIS_HOSTS") && !variable.getValue().startsWith("redis://" + service + ":")) {
          problems.add(service + " does not log in to Redis as itself: " + variable.getValue());
        }
      }
    }
    assertThat(problems).isEmpty();
  }

  private static Container container(List<HasMetadata> resources, String name) {
    Deployment deployment = KustomizeSchemaTests.byName(resources, Deployment.class).get(name);
    if (deployment != null) {
      return deployment.getSpec().getTemplate().getSpec().getContainers().get(0);
    }
    StatefulSet set = KustomizeSchemaTests.byName(resources, StatefulSet.class).get(name);
    assertThat(set).as("a Deployment or StatefulSet %s", name).isNotNull();
    return set.getSpec().getTemplate().getSpec().getContainers().get(0);
  }
}
