package org.acme.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Capabilities;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.SeccompProfile;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The manifests are hardened, one rule per test: a RuntimeDefault seccomp profile, a read-only root filesystem with a
 * writable /tmp, the image's own numeric non-root user, no privilege escalation and no capabilities, a
 * PodDisruptionBudget for the two order-service replicas, Pod Security "restricted" on the namespace (and every pod
 * passing it), and termination grace periods longer than the services' own shutdown timeouts. Who may reach whom is
 * {@link NetworkPolicyTests}'.
 */
class HardeningTests {

  static final String NAMESPACE = KustomizeSchemaTests.NAMESPACE;
  /** What a service's grace period must leave above its shutdown timeout: the JVM's exit, the last log lines. */
  static final Duration GRACE_MARGIN = Duration.ofSeconds(3);
  /** Volume types the "restricted" Pod Security Standard allows. */
  static final Set<String> RESTRICTED_VOLUMES = Set.of("configMap", "csi", "downwardAPI", "emptyDir", "ephemeral",
      "persistentVolumeClaim", "projected", "secret");

  static Stream<Path> overlays() {
    return Repo.overlays().stream();
  }

  @ParameterizedTest
  @MethodSource("overlays")
  void everyPodUsesTheRuntimeDefaultSeccompProfile(Path overlay) {
    List<String> problems = new ArrayList<>();
    for (Pod pod : Pod.all(KustomizeSchemaTests.resources(overlay))) {
      SeccompProfile profile = pod.podContext().getSeccompProfile();
      if (profile == null || !"RuntimeDefault".equals(profile.getType())) {
        problems.add(pod.name() + ": the pod's securityContext.seccompProfile is not RuntimeDefault");
      }
      for (Container c : pod.containers()) {
        SeccompProfile own = c.getSecurityContext() == null ? null : c.getSecurityContext().getSeccompProfile();
        if (own != null && !"RuntimeDefault".equals(own.getType())) {
          problems.add(pod.name() + "/" + c.getName() + ": overrides the seccomp profile with " + own.getType());
        }
      }
    }
    assertThat(problems).as("seccomp in %s", overlay).isEmpty();
  }

  /**
   * Every container's image is read-only and /tmp is an emptyDir (Quarkus, Vert.x, the JVM and the brokers' run
   * scripts write there). Where a container could not run so, it would be listed here with the reason; none is.
   */
  @ParameterizedTest
  @MethodSource("overlays")
  void everyContainerHasAReadOnlyRootFilesystemAndAWritableTmp(Path overlay) {
    List<String> problems = new ArrayList<>();
    for (Pod pod : Pod.all(KustomizeSchemaTests.resources(overlay))) {
      Set<String> emptyDirs = new java.util.HashSet<>();
      pod.spec().getVolumes().stream().filter(v -> v.getEmptyDir() != null).forEach(v -> emptyDirs.add(v.getName()));
      for (Container c : pod.containers()) {
        String id = pod.name() + "/" + c.getName();
        if (!Boolean.TRUE.equals(c.getSecurityContext() == null ? null : c.getSecurityContext().getReadOnlyRootFilesystem())) {
          problems.add(id + ": readOnlyRootFilesystem is not true");
        }
        boolean tmp = c.getVolumeMounts().stream().anyMatch(m -> "/tmp".equals(m.getMountPath()) && emptyDirs.contains(m.getName()));
        if (!tmp) {
          problems.add(id + ": no emptyDir at /tmp, where it writes its temporary files");
        }
      }
    }
    assertThat(problems).as("read-only root filesystems in %s", overlay).isEmpty();
  }

  /**
   * Every container runs as a numeric non-root user, group and fsGroup, and that uid and gid are the ones its image
   * runs as (its USER uid:gid, or the user it makes with useradd: scripts/docker/BROKER/Dockerfile, the root Dockerfile for
   * the services), so the volume it
   * writes is its own and the manifest says what the image does.
   */
  @ParameterizedTest
  @MethodSource("overlays")
  void everyContainerRunsAsTheNonRootUserItsImageMakes(Path overlay) {
    List<String> problems = new ArrayList<>();
    for (Pod pod : Pod.all(KustomizeSchemaTests.resources(overlay))) {
      long[] image = imageUser(pod.name());
      Long fsGroup = pod.podContext().getFsGroup();
      if (fsGroup == null || fsGroup != image[1]) {
        problems.add(pod.name() + ": fsGroup " + fsGroup + ", the image's group is " + image[1]);
      }
      for (Container c : pod.containers()) {
        String id = pod.name() + "/" + c.getName();
        Boolean nonRoot = pod.effective(c, SecurityContext::getRunAsNonRoot, PodSecurityContext::getRunAsNonRoot);
        Long user = pod.effective(c, SecurityContext::getRunAsUser, PodSecurityContext::getRunAsUser);
        Long group = pod.effective(c, SecurityContext::getRunAsGroup, PodSecurityContext::getRunAsGroup);
        if (!Boolean.TRUE.equals(nonRoot)) {
          problems.add(id + ": runAsNonRoot is not true");
        }
        if (user == null || user == 0 || user != image[0]) {
          problems.add(id + ": runAsUser " + user + ", the image's user is " + image[0]);
        }
        if (group == null || group != image[1]) {
          problems.add(id + ": runAsGroup " + group + ", the image's group is " + image[1]);
        }
      }
    }
    assertThat(problems).as("users in %s", overlay).isEmpty();
  }

  @ParameterizedTest
  @MethodSource("overlays")
  void noContainerMayEscalatePrivilegesOrKeepACapability(Path overlay) {
    List<String> problems = new ArrayList<>();
    for (Pod pod : Pod.all(KustomizeSchemaTests.resources(overlay))) {
      for (Container c : pod.containers()) {
        String id = pod.name() + "/" + c.getName();
        SecurityContext sc = c.getSecurityContext() == null ? new SecurityContext() : c.getSecurityContext();
        if (!Boolean.FALSE.equals(sc.getAllowPrivilegeEscalation())) {
          problems.add(id + ": allowPrivilegeEscalation is not false");
        }
        if (Boolean.TRUE.equals(sc.getPrivileged())) {
          problems.add(id + ": privileged");
        }
        Capabilities caps = sc.getCapabilities();
        if (caps == null || !caps.getDrop().contains("ALL")) {
          problems.add(id + ": does not drop ALL capabilities");
        }
        if (caps != null && !caps.getAdd().isEmpty()) {
          problems.add(id + ": adds capabilities " + caps.getAdd());
        }
      }
    }
    assertThat(problems).as("privileges in %s", overlay).isEmpty();
  }

  @ParameterizedTest
  @MethodSource("overlays")
  void orderServiceKeepsAReplicaThroughVoluntaryDisruptions(Path overlay) {
    List<HasMetadata> resources = KustomizeSchemaTests.resources(overlay);
    Deployment orders = KustomizeSchemaTests.byName(resources, Deployment.class).get("order-service");
    assertThat(orders).as("Deployment order-service").isNotNull();
    Map<String, String> labels = orders.getSpec().getTemplate().getMetadata().getLabels();
    List<PodDisruptionBudget> budgets = KustomizeSchemaTests.byName(resources, PodDisruptionBudget.class).values().stream()
        .filter(b -> NetworkPolicies.matches(b.getSpec().getSelector(), labels)).toList();
    assertThat(budgets).as("PodDisruptionBudgets over the order-service pods").hasSize(1);
    var budget = budgets.get(0).getSpec();
    assertThat(budget.getMinAvailable()).as("minAvailable").isNotNull();
    assertThat(budget.getMinAvailable().getIntVal()).as("minAvailable, a number of pods").isEqualTo(1);
    assertThat(orders.getSpec().getReplicas()).as("replicas: more than the budget keeps, or no drain could go on")
        .isGreaterThan(budget.getMinAvailable().getIntVal());
  }

  /** The namespace enforces Pod Security "restricted", and every pod passes each of its checks. */
  @ParameterizedTest
  @MethodSource("overlays")
  void theNamespaceEnforcesRestrictedPodSecurityAndEveryPodPassesIt(Path overlay) {
    List<HasMetadata> resources = KustomizeSchemaTests.resources(overlay);
    Namespace namespace = KustomizeSchemaTests.byName(resources, Namespace.class).get(NAMESPACE);
    assertThat(namespace).as("Namespace %s", NAMESPACE).isNotNull();
    for (String mode : List.of("enforce", "audit", "warn")) {
      assertThat(namespace.getMetadata().getLabels()).as("Pod Security labels").containsEntry("pod-security.kubernetes.io/" + mode, "restricted");
    }
    List<String> problems = new ArrayList<>();
    for (Pod pod : Pod.all(resources)) {
      PodSpec spec = pod.spec();
      if (Boolean.TRUE.equals(spec.getHostNetwork()) || Boolean.TRUE.equals(spec.getHostPID()) || Boolean.TRUE.equals(spec.getHostIPC())) {
        problems.add(pod.name() + ": shares a host namespace");
      }
      for (Volume v : spec.getVolumes()) {
        if (!RESTRICTED_VOLUMES.contains(volumeType(v))) {
          problems.add(pod.name() + ": volume " + v.getName() + " of type " + volumeType(v));
        }
      }
      for (Container c : pod.containers()) {
        String id = pod.name() + "/" + c.getName();
        SecurityContext sc = c.getSecurityContext() == null ? new SecurityContext() : c.getSecurityContext();
        if (c.getPorts().stream().anyMatch(p -> p.getHostPort() != null && p.getHostPort() != 0)) {
          problems.add(id + ": a hostPort");
        }
        if (Boolean.TRUE.equals(sc.getPrivileged()) || !Boolean.FALSE.equals(sc.getAllowPrivilegeEscalation())) {
          problems.add(id + ": privileged or may escalate");
        }
        Capabilities caps = sc.getCapabilities();
        if (caps == null || !caps.getDrop().contains("ALL") || !Set.of("NET_BIND_SERVICE").containsAll(caps.getAdd())) {
          problems.add(id + ": must drop ALL capabilities and add none but NET_BIND_SERVICE");
        }
        if (!Boolean.TRUE.equals(pod.effective(c, SecurityContext::getRunAsNonRoot, PodSecurityContext::getRunAsNonRoot))
            || Objects.equals(0L, pod.effective(c, SecurityContext::getRunAsUser, PodSecurityContext::getRunAsUser))) {
          problems.add(id + ": may run as root");
        }
        SeccompProfile seccomp = pod.effective(c, SecurityContext::getSeccompProfile, PodSecurityContext::getSeccompProfile);
        if (seccomp == null || !Set.of("RuntimeDefault", "Localhost").contains(seccomp.getType())) {
          problems.add(id + ": no RuntimeDefault or Localhost seccomp profile");
        }
      }
    }
    assertThat(problems).as("Pod Security restricted in %s", overlay).isEmpty();
  }

  /**
   * A service gets longer to stop than it takes: its terminationGracePeriodSeconds is set and exceeds its
   * quarkus.shutdown.timeout plus any drain it configures (keys with "drain" in their name), by a few seconds; a
   * service with a Nest server sets its nest.server.drain-timeout rather than leaving it to the default.
   */
  @ParameterizedTest
  @MethodSource("overlays")
  void everyServiceGetsLongerToStopThanItsShutdownTimeout(Path overlay) {
    List<String> problems = new ArrayList<>();
    Map<String, Deployment> deployments = KustomizeSchemaTests.byName(KustomizeSchemaTests.resources(overlay), Deployment.class);
    for (String service : Repo.services()) {
      Deployment deployment = deployments.get(service);
      if (deployment == null) {
        problems.add(service + ": no Deployment");
        continue;
      }
      ServiceConfig config = ServiceConfig.of(service);
      Duration stop = timeToStop(config);
      if (servesMessages(config) && drainKeys(config).isEmpty()) {
        problems.add(service + ": serves messages but does not set nest.server.drain-timeout (its grace would rest on a default)");
      }
      Long grace = deployment.getSpec().getTemplate().getSpec().getTerminationGracePeriodSeconds();
      if (grace == null) {
        problems.add(service + ": terminationGracePeriodSeconds is not set (it shuts down in " + stop.toSeconds() + " s)");
      } else if (Duration.ofSeconds(grace).compareTo(stop.plus(GRACE_MARGIN)) < 0) {
        problems.add(service + ": terminationGracePeriodSeconds " + grace + " is not " + GRACE_MARGIN.toSeconds()
            + " s above its shutdown timeout and drain, " + stop.toSeconds() + " s");
      }
    }
    assertThat(problems).as("grace periods in %s", overlay).isEmpty();
  }

  /** quarkus.shutdown.timeout plus every drain the service configures (keys with "drain" in their name): how long it may take to stop. */
  static Duration timeToStop(ServiceConfig config) {
    Duration stop = Objects.requireNonNullElse(config.duration("quarkus.shutdown.timeout"), Duration.ZERO);
    for (String key : drainKeys(config)) {
      try {
        stop = stop.plus(config.duration(key));
      } catch (RuntimeException notADuration) {
        // a drain switch (true/false), not a time
      }
    }
    return stop;
  }

  /** The keys with "drain" in their name that apply in production (unprofiled or %prod.), without the profile. */
  private static List<String> drainKeys(ServiceConfig config) {
    List<String> keys = new ArrayList<>();
    for (String key : config.properties.stringPropertyNames()) {
      String plain = key.startsWith("%") ? key.substring(key.indexOf('.') + 1) : key;
      if (plain.contains("drain") && (!key.startsWith("%") || key.startsWith("%prod."))) {
        keys.add(plain);
      }
    }
    return keys;
  }

  /** Whether any of the service's Nest servers is on: then it drains on SIGTERM. */
  static boolean servesMessages(ServiceConfig config) {
    return config.properties.stringPropertyNames().stream()
        .anyMatch(key -> key.startsWith("nest.server.") && key.endsWith(".enabled") && "true".equals(config.properties.getProperty(key)));
  }

  // ---- the image's user ----

  private static final Pattern USERADD = Pattern.compile("useradd\\b[^\\n]*?--uid\\s+(\\d+)[^\\n]*?--gid\\s+(\\S+)");
  /** A broker image runs as its official image's user, which our Dockerfile names by number. */
  private static final Pattern NUMERIC_USER = Pattern.compile("(?m)^USER (\\d+):(\\d+)\\s*$");

  /**
   * {uid, gid} the workload's image runs as (its Dockerfile, found by the workload's name): a numeric USER uid:gid,
   * else the user it makes with useradd.
   */
  static long[] imageUser(String workload) {
    Path dockerfile = Repo.services().contains(workload) ? Repo.path("Dockerfile")
        : Repo.path("scripts", "docker", workload, "Dockerfile");
    assertThat(dockerfile).as("the image of %s", workload).isRegularFile();
    String text = Repo.read(dockerfile);
    Matcher numeric = NUMERIC_USER.matcher(text);
    if (numeric.find()) {
      return new long[] {Long.parseLong(numeric.group(1)), Long.parseLong(numeric.group(2))};
    }
    Matcher m = USERADD.matcher(text);
    assertThat(m.find()).as("%s makes its user with useradd --uid N --gid G (a fixed uid), or runs as USER uid:gid", dockerfile).isTrue();
    String gid = m.group(2);
    if (!gid.matches("\\d+")) {
      Matcher group = Pattern.compile("groupadd\\b[^\\n]*?--gid\\s+(\\d+)\\s+" + Pattern.quote(gid) + "\\b").matcher(text);
      assertThat(group.find()).as("%s makes group %s with groupadd --gid N", dockerfile, gid).isTrue();
      gid = group.group(1);
    }
    return new long[] {Long.parseLong(m.group(1)), Long.parseLong(gid)};
  }

  private static String volumeType(Volume v) {
    Map<String, Object> fields = new HashMap<>();
    fields.put("configMap", v.getConfigMap());
    fields.put("csi", v.getCsi());
    fields.put("downwardAPI", v.getDownwardAPI());
    fields.put("emptyDir", v.getEmptyDir());
    fields.put("ephemeral", v.getEphemeral());
    fields.put("persistentVolumeClaim", v.getPersistentVolumeClaim());
    fields.put("projected", v.getProjected());
    fields.put("secret", v.getSecret());
    return fields.entrySet().stream().filter(e -> e.getValue() != null).map(Map.Entry::getKey).findFirst()
        .orElse("another (hostPath, nfs, ...)");
  }

}
