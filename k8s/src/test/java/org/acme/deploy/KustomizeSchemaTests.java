package org.acme.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * Every overlay builds with {@code kubectl kustomize}, and every manifest in it passes a Kubernetes schema check:
 * it binds to the fabric8 model class of its kind with no unknown field anywhere (a misspelt or misplaced field
 * would land in "additionalProperties"), and its cross references hold (selectors, named ports, ConfigMaps,
 * Secrets and their keys, probes, resources). A service's probes read its management port (health and metrics are not
 * on its public port), and no Service exposes that port.
 */
class KustomizeSchemaTests {

  static final String NAMESPACE = "nest-microservices";
  static final Set<String> PROBE_PATHS = Set.of("/q/health/live", "/q/health/ready", "/q/health/started");
  /** The container port of Quarkus's management interface: probes only, never a Service's target. */
  static final String MANAGEMENT_PORT = "management";
  private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

  static Stream<Path> overlays() {
    return Repo.overlays().stream();
  }

  /** Every manifest of an overlay, bound to the fabric8 model. */
  static List<HasMetadata> resources(Path overlay) {
    List<HasMetadata> resources = new ArrayList<>();
    DumperOptions options = new DumperOptions();
    Yaml yaml = new Yaml(options);
    for (Map<String, Object> doc : Kustomize.documents(overlay)) {
      Object bound = SERIALIZATION.unmarshal(yaml.dump(doc));
      assertThat(bound).as("%s/%s binds to a model class", doc.get("kind"), Compose.at(doc, "metadata", "name"))
          .isInstanceOf(HasMetadata.class)
          .isNotInstanceOf(GenericKubernetesResource.class);
      resources.add((HasMetadata) bound);
    }
    return resources;
  }

  @ParameterizedTest
  @MethodSource("overlays")
  void everyManifestMatchesTheKubernetesSchema(Path overlay) {
    List<HasMetadata> resources = resources(overlay);
    assertThat(resources).isNotEmpty();
    List<String> problems = new ArrayList<>();
    for (HasMetadata resource : resources) {
      String id = resource.getKind() + "/" + resource.getMetadata().getName();
      unknownFields(resource, id, problems);
      if (resource.getApiVersion() == null || resource.getMetadata().getName() == null) {
        problems.add(id + ": apiVersion and metadata.name are required");
      }
      if (!"Namespace".equals(resource.getKind()) && !NAMESPACE.equals(resource.getMetadata().getNamespace())) {
        problems.add(id + ": not in namespace " + NAMESPACE);
      }
    }
    assertThat(problems).as("schema problems in %s", overlay).isEmpty();
  }

  @ParameterizedTest
  @MethodSource("overlays")
  void workloadsHaveProbesResourcesAndResolvableReferences(Path overlay) {
    List<HasMetadata> resources = resources(overlay);
    List<String> problems = new ArrayList<>();
    Map<String, Secret> secrets = byName(resources, Secret.class);
    Set<String> configMaps = byName(resources, io.fabric8.kubernetes.api.model.ConfigMap.class).keySet();
    for (HasMetadata workload : workloads(resources)) {
      String id = workload.getKind() + "/" + workload.getMetadata().getName();
      PodTemplateSpec template = template(workload);
      Map<String, String> selector = workload instanceof Deployment d ? d.getSpec().getSelector().getMatchLabels()
          : ((StatefulSet) workload).getSpec().getSelector().getMatchLabels();
      if (selector == null || selector.isEmpty() || !template.getMetadata().getLabels().entrySet().containsAll(selector.entrySet())) {
        problems.add(id + ": selector does not match the pod template's labels");
      }
      boolean isService = "service".equals(template.getMetadata().getLabels().get("app.kubernetes.io/component"));
      for (Container c : template.getSpec().getContainers()) {
        String cid = id + " container " + c.getName();
        if (c.getImage() == null || c.getImage().isBlank()) {
          problems.add(cid + ": no image");
        }
        var res = c.getResources();
        if (res == null || res.getRequests() == null || res.getLimits() == null
            || !res.getRequests().containsKey("memory") || !res.getLimits().containsKey("memory")) {
          problems.add(cid + ": needs memory requests and limits");
        }
        Set<String> portNames = new java.util.HashSet<>();
        for (ContainerPort p : c.getPorts()) {
          portNames.add(p.getName());
          if (p.getName() == null || p.getContainerPort() == null || p.getContainerPort() < 1 || p.getContainerPort() > 65535) {
            problems.add(cid + ": every port needs a name and a number in 1..65535");
          }
        }
        if (c.getReadinessProbe() == null || c.getLivenessProbe() == null) {
          problems.add(cid + ": needs readiness and liveness probes");
        }
        if (isService) {
          expectHttpProbe(c.getStartupProbe(), "/q/health/started", cid + " startupProbe", portNames, problems);
          expectHttpProbe(c.getLivenessProbe(), "/q/health/live", cid + " livenessProbe", portNames, problems);
          expectHttpProbe(c.getReadinessProbe(), "/q/health/ready", cid + " readinessProbe", portNames, problems);
        }
        for (Probe probe : Stream.of(c.getStartupProbe(), c.getLivenessProbe(), c.getReadinessProbe()).filter(Objects::nonNull).toList()) {
          if (probe.getTcpSocket() != null && probe.getTcpSocket().getPort().getStrVal() != null
              && !portNames.contains(probe.getTcpSocket().getPort().getStrVal())) {
            problems.add(cid + ": probe names an unknown port " + probe.getTcpSocket().getPort().getStrVal());
          }
        }
        for (EnvFromSource from : c.getEnvFrom()) {
          if (from.getConfigMapRef() != null && !configMaps.contains(from.getConfigMapRef().getName())) {
            problems.add(cid + ": envFrom names a missing ConfigMap " + from.getConfigMapRef().getName());
          }
          if (from.getSecretRef() != null && !secrets.containsKey(from.getSecretRef().getName())) {
            problems.add(cid + ": envFrom names a missing Secret " + from.getSecretRef().getName());
          }
        }
        for (EnvVar env : c.getEnv()) {
          if (env.getValueFrom() != null && env.getValueFrom().getSecretKeyRef() != null) {
            var ref = env.getValueFrom().getSecretKeyRef();
            Secret secret = secrets.get(ref.getName());
            if (secret == null && Boolean.TRUE.equals(ref.getOptional())) {
              continue; // an optional Secret is the operator's to add (the gateway's token key)
            }
            if (secret == null) {
              problems.add(cid + ": " + env.getName() + " names a missing Secret " + ref.getName());
            } else if ((secret.getData() == null || !secret.getData().containsKey(ref.getKey()))
                && (secret.getStringData() == null || !secret.getStringData().containsKey(ref.getKey()))) {
              problems.add(cid + ": " + env.getName() + " names a missing key " + ref.getKey() + " of Secret " + ref.getName());
            }
          }
        }
      }
    }
    for (Service service : byName(resources, Service.class).values()) {
      String id = "Service/" + service.getMetadata().getName();
      List<Container> selected = workloads(resources).stream().map(KustomizeSchemaTests::template)
          .filter(t -> t.getMetadata().getLabels().entrySet().containsAll(service.getSpec().getSelector().entrySet()))
          .flatMap(t -> t.getSpec().getContainers().stream()).toList();
      if (selected.isEmpty()) {
        problems.add(id + ": its selector matches no workload");
      }
      Set<Integer> management = selected.stream().flatMap(c -> c.getPorts().stream())
          .filter(p -> MANAGEMENT_PORT.equals(p.getName())).map(ContainerPort::getContainerPort).collect(Collectors.toSet());
      for (ServicePort port : service.getSpec().getPorts()) {
        String target = port.getTargetPort() == null ? null : port.getTargetPort().getStrVal();
        if (port.getName() == null || target == null) {
          problems.add(id + ": ports need a name and a named targetPort");
        } else if (selected.stream().flatMap(c -> c.getPorts().stream()).noneMatch(p -> target.equals(p.getName()))) {
          problems.add(id + ": targetPort " + target + " is no container port of the workload");
        }
        if (MANAGEMENT_PORT.equals(target) || MANAGEMENT_PORT.equals(port.getName()) || management.contains(port.getPort())) {
          problems.add(id + ": exposes the management port (health, metrics), which stays inside the pod's network");
        }
      }
    }
    assertThat(problems).as("problems in %s", overlay).isEmpty();
  }

  private static void expectHttpProbe(Probe probe, String path, String id, Set<String> ports, List<String> problems) {
    if (probe == null || probe.getHttpGet() == null) {
      problems.add(id + ": needs an httpGet probe on " + path);
      return;
    }
    if (!path.equals(probe.getHttpGet().getPath()) || !PROBE_PATHS.contains(probe.getHttpGet().getPath())) {
      problems.add(id + ": path " + probe.getHttpGet().getPath() + ", expected " + path);
    }
    String port = probe.getHttpGet().getPort().getStrVal();
    if (port == null || !ports.contains(port)) {
      problems.add(id + ": port must name a container port, found " + probe.getHttpGet().getPort());
    } else if (!MANAGEMENT_PORT.equals(port)) {
      problems.add(id + ": port must be " + MANAGEMENT_PORT + " (health is not served on the public port), found " + port);
    }
  }

  static List<HasMetadata> workloads(List<HasMetadata> resources) {
    return resources.stream().filter(r -> r instanceof Deployment || r instanceof StatefulSet).toList();
  }

  static PodTemplateSpec template(HasMetadata workload) {
    return workload instanceof Deployment d ? d.getSpec().getTemplate() : ((StatefulSet) workload).getSpec().getTemplate();
  }

  static <T extends HasMetadata> Map<String, T> byName(List<HasMetadata> resources, Class<T> type) {
    Map<String, T> map = new java.util.TreeMap<>();
    resources.stream().filter(type::isInstance).map(type::cast).forEach(r -> map.put(r.getMetadata().getName(), r));
    return map;
  }

  /** Walks the bound object graph: a non-empty additionalProperties anywhere is a field the schema lacks. */
  private static void unknownFields(Object node, String path, List<String> problems) {
    if (node == null) {
      return;
    }
    if (node instanceof Collection<?> items) {
      int i = 0;
      for (Object item : items) {
        unknownFields(item, path + "[" + i++ + "]", problems);
      }
      return;
    }
    if (node instanceof Map<?, ?> map) {
      map.forEach((k, v) -> unknownFields(v, path + "." + k, problems));
      return;
    }
    if (!node.getClass().getName().startsWith("io.fabric8.kubernetes.api.model")) {
      return;
    }
    for (Method getter : node.getClass().getMethods()) {
      if (getter.getParameterCount() != 0 || Modifier.isStatic(getter.getModifiers()) || !getter.getName().startsWith("get")
          || getter.getDeclaringClass() == Object.class) {
        continue;
      }
      Object value;
      try {
        value = getter.invoke(node);
      } catch (ReflectiveOperationException e) {
        continue;
      }
      if (getter.getName().equals("getAdditionalProperties")) {
        if (value instanceof Map<?, ?> extra && !extra.isEmpty()) {
          problems.add(path + ": unknown field(s) " + extra.keySet());
        }
      } else {
        String field = Character.toLowerCase(getter.getName().charAt(3)) + getter.getName().substring(4);
        unknownFields(value, path + "." + field, problems);
      }
    }
  }
}
