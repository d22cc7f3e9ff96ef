package org.acme.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Capabilities;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.SeccompProfile;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The manifests are hardened, one rule per test: a RuntimeDefault seccomp profile, a read-only root filesystem with a
 * writable /tmp, the image's own numeric non-root user, no privilege escalation and no capabilities, a
 * PodDisruptionBudget for the two order-service replicas, NetworkPolicies that let each pod be reached only by whom
 * it serves, Pod Security "restricted" on the namespace (and every pod passing it), and termination grace periods
 * longer than the services' own shutdown timeouts.
 */
class HardeningTests {

  static final String NAMESPACE = KustomizeSchemaTests.NAMESPACE;
  static final String GATEWAY = "api-gateway";
  static final String MANAGEMENT = KustomizeSchemaTests.MANAGEMENT_PORT;
  /** What a service's grace period must leave above its shutdown timeout: the JVM's exit, the last log lines. */
  static final Duration GRACE_MARGIN = Duration.ofSeconds(3);
  /** Volume types the "restricted" Pod Security Standard allows. */
  static final Set<String> RESTRICTED_VOLUMES = Set.of("configMap", "csi", "downwardAPI", "emptyDir", "ephemeral",
      "persistentVolumeClaim", "projected", "secret");

  static Stream<Path> overlays() {
    return Repo.overlays().stream();
  }

  /** A workload's pod template, named after the workload. */
  record Pod(String name, Map<String, String> labels, PodSpec spec) {
    boolean isService() {
      return "service".equals(labels.get("app.kubernetes.io/component"));
    }

    boolean isBroker() {
      return "broker".equals(labels.get("app.kubernetes.io/component"));
    }

    PodSecurityContext podContext() {
      return spec.getSecurityContext() == null ? new PodSecurityContext() : spec.getSecurityContext();
    }

    List<Container> containers() {
      return Stream.concat(spec.getInitContainers().stream(), spec.getContainers().stream()).toList();
    }

    /** A container's effective setting: its own securityContext's, else the pod's. */
    <T> T effective(Container c, Function<SecurityContext, T> own, Function<PodSecurityContext, T> pod) {
      T value = c.getSecurityContext() == null ? null : own.apply(c.getSecurityContext());
      return value != null ? value : pod.apply(podContext());
    }
  }

  static List<Pod> pods(List<HasMetadata> resources) {
    return KustomizeSchemaTests.workloads(resources).stream().map(w -> {
      var template = KustomizeSchemaTests.template(w);
      return new Pod(w.getMetadata().getName(), template.getMetadata().getLabels(), template.getSpec());
    }).toList();
  }

  @ParameterizedTest
  @MethodSource("overlays")
  void everyPodUsesTheRuntimeDefaultSeccompProfile(Path overlay) {
    List<String> problems = new ArrayList<>();
    for (Pod pod : pods(KustomizeSchemaTests.resources(overlay))) {
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
    for (Pod pod : pods(KustomizeSchemaTests.resources(overlay))) {
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
   * makes its user with (scripts/docker/BROKER/Dockerfile, SERVICE/src/main/docker/Dockerfile.jvm), so the volume it
   * writes is its own and the manifest says what the image does.
   */
  @ParameterizedTest
  @MethodSource("overlays")
  void everyContainerRunsAsTheNonRootUserItsImageMakes(Path overlay) {
    List<String> problems = new ArrayList<>();
    for (Pod pod : pods(KustomizeSchemaTests.resources(overlay))) {
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
    for (Pod pod : pods(KustomizeSchemaTests.resources(overlay))) {
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
        .filter(b -> matches(b.getSpec().getSelector(), labels)).toList();
    assertThat(budgets).as("PodDisruptionBudgets over the order-service pods").hasSize(1);
    var budget = budgets.get(0).getSpec();
    assertThat(budget.getMinAvailable()).as("minAvailable").isNotNull();
    assertThat(budget.getMinAvailable().getIntVal()).as("minAvailable, a number of pods").isEqualTo(1);
    assertThat(orders.getSpec().getReplicas()).as("replicas: more than the budget keeps, or no drain could go on")
        .isGreaterThan(budget.getMinAvailable().getIntVal());
  }

  @ParameterizedTest
  @MethodSource("overlays")
  void theNamespaceDeniesIngressByDefault(Path overlay) {
    List<HasMetadata> resources = KustomizeSchemaTests.resources(overlay);
    List<NetworkPolicy> policies = policies(resources);
    assertThat(policies).as("a policy that selects every pod and allows no ingress")
        .anyMatch(p -> isEmpty(p.getSpec().getPodSelector()) && p.getSpec().getPolicyTypes().contains("Ingress")
            && p.getSpec().getIngress().isEmpty());
    // a pod someone adds to the namespace later, of no part of this app, takes nothing from anyone
    Pod stranger = new Pod("a pod not of this app", STRANGER.podLabels(), null);
    for (Peer peer : peers(resources)) {
      assertThat(allows(policies, stranger, "any", 8080, peer)).as("%s reaches %s", peer.name(), stranger.name()).isFalse();
    }
  }

  /** From outside the app (outside the cluster, another namespace, a foreign pod here), only the gateway's HTTP port. */
  @ParameterizedTest
  @MethodSource("overlays")
  void onlyTheGatewayTakesTrafficFromOutsideTheApp(Path overlay) {
    List<HasMetadata> resources = KustomizeSchemaTests.resources(overlay);
    List<NetworkPolicy> policies = policies(resources);
    List<String> problems = new ArrayList<>();
    for (Pod pod : pods(resources)) {
      for (ContainerPort port : ports(pod)) {
        boolean open = pod.name().equals(GATEWAY) && "http".equals(port.getName());
        for (Peer peer : List.of(OUTSIDE, OTHER_NAMESPACE, STRANGER)) {
          if (allows(policies, pod, port.getName(), port.getContainerPort(), peer) != open) {
            problems.add(peer.name() + (open ? " cannot reach " : " reaches ") + pod.name() + ":" + port.getName());
          }
        }
      }
    }
    assertThat(problems).as("ingress from outside the app in %s", overlay).isEmpty();
  }

  /**
   * The services behind the gateway take calls only from it (math's TCP, heroes' gRPC, their HTTP ports): they talk
   * to each other through the brokers. The gateway's hybrid TCP port takes calls from any pod of the app.
   */
  @ParameterizedTest
  @MethodSource("overlays")
  void servicesTakeCallsOnlyFromTheGateway(Path overlay) {
    List<HasMetadata> resources = KustomizeSchemaTests.resources(overlay);
    List<NetworkPolicy> policies = policies(resources);
    List<String> problems = new ArrayList<>();
    for (Pod pod : pods(resources).stream().filter(Pod::isService).toList()) {
      for (ContainerPort port : ports(pod)) {
        if (MANAGEMENT.equals(port.getName())) {
          continue; // managementPortsAreOpenOnlyToAMonitoringNamespace
        }
        for (Peer peer : appPeers(resources)) {
          boolean open = pod.name().equals(GATEWAY) || peer.name().equals(GATEWAY);
          if (allows(policies, pod, port.getName(), port.getContainerPort(), peer) != open) {
            problems.add(peer.name() + (open ? " cannot reach " : " reaches ") + pod.name() + ":" + port.getName());
          }
        }
      }
    }
    assertThat(problems).as("calls between the app's pods in %s", overlay).isEmpty();
  }

  /** Each broker serves every pod of this app and no one else. */
  @ParameterizedTest
  @MethodSource("overlays")
  void brokersServeOnlyThisAppsPods(Path overlay) {
    List<HasMetadata> resources = KustomizeSchemaTests.resources(overlay);
    List<NetworkPolicy> policies = policies(resources);
    List<String> problems = new ArrayList<>();
    List<Pod> brokers = pods(resources).stream().filter(Pod::isBroker).toList();
    assertThat(brokers).as("brokers").isNotEmpty();
    // every workload of the app, whatever its labels say: a pod that lost the label the policy names is locked out
    List<Peer> app = appPeers(resources);
    for (Pod broker : brokers) {
      for (ContainerPort port : ports(broker)) {
        for (Peer peer : peers(resources)) {
          boolean open = app.contains(peer);
          if (allows(policies, broker, port.getName(), port.getContainerPort(), peer) != open) {
            problems.add(peer.name() + (open ? " cannot reach " : " reaches ") + broker.name() + ":" + port.getName());
          }
        }
      }
    }
    assertThat(problems).as("ingress to the brokers in %s", overlay).isEmpty();
  }

  /**
   * Health and metrics (the management port) are for a Prometheus in a namespace labelled
   * {@code nest-microservices/monitoring: "true"} and no one else; the kubelet's probes need no rule. That
   * Prometheus reaches nothing else but the gateway's public port.
   */
  @ParameterizedTest
  @MethodSource("overlays")
  void managementPortsAreOpenOnlyToAMonitoringNamespace(Path overlay) {
    List<HasMetadata> resources = KustomizeSchemaTests.resources(overlay);
    List<NetworkPolicy> policies = policies(resources);
    List<String> problems = new ArrayList<>();
    for (Pod pod : pods(resources)) {
      for (ContainerPort port : ports(pod)) {
        for (Peer peer : peers(resources)) {
          boolean management = MANAGEMENT.equals(port.getName());
          if (!management && peer != MONITORING) {
            continue;
          }
          boolean open = management ? peer == MONITORING : pod.name().equals(GATEWAY) && "http".equals(port.getName());
          if (allows(policies, pod, port.getName(), port.getContainerPort(), peer) != open) {
            problems.add(peer.name() + (open ? " cannot reach " : " reaches ") + pod.name() + ":" + port.getName());
          }
        }
      }
    }
    assertThat(problems).as("management ports in %s", overlay).isEmpty();
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
    for (Pod pod : pods(resources)) {
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
   * quarkus.shutdown.timeout plus any drain it configures (keys with "drain" in their name), by a few seconds.
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
      Duration stop = Objects.requireNonNullElse(config.duration("quarkus.shutdown.timeout"), Duration.ZERO);
      for (String key : config.properties.stringPropertyNames()) {
        String plain = key.startsWith("%") ? key.substring(key.indexOf('.') + 1) : key;
        if (plain.contains("drain") && (!key.startsWith("%") || key.startsWith("%prod."))) {
          try {
            stop = stop.plus(config.duration(plain));
          } catch (RuntimeException notADuration) {
            // a drain switch (true/false), not a time
          }
        }
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

  // ---- the image's user ----

  private static final Pattern USERADD = Pattern.compile("useradd\\b[^\\n]*?--uid\\s+(\\d+)[^\\n]*?--gid\\s+(\\S+)");

  /** {uid, gid} of the user the workload's image makes with useradd (its Dockerfile, found by the workload's name). */
  static long[] imageUser(String workload) {
    Path dockerfile = Repo.services().contains(workload) ? Repo.path(workload, "src/main/docker/Dockerfile.jvm")
        : Repo.path("scripts", "docker", workload, "Dockerfile");
    assertThat(dockerfile).as("the image of %s", workload).isRegularFile();
    String text = Repo.read(dockerfile);
    Matcher m = USERADD.matcher(text);
    assertThat(m.find()).as("%s makes its user with useradd --uid N --gid G (a fixed uid)", dockerfile).isTrue();
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

  // ---- NetworkPolicy semantics, as the API defines them (ingress only) ----

  /**
   * Who opens a connection: a pod (its namespace, that namespace's labels, its own labels), or a client outside the
   * cluster (no namespace).
   */
  record Peer(String name, String namespace, Map<String, String> namespaceLabels, Map<String, String> podLabels) {}

  static final Map<String, String> OWN_NAMESPACE_LABELS = Map.of("kubernetes.io/metadata.name", NAMESPACE);
  static final Peer OUTSIDE = new Peer("a client outside the cluster", null, Map.of(), Map.of());
  static final Peer OTHER_NAMESPACE = new Peer("a pod in another namespace", "default",
      Map.of("kubernetes.io/metadata.name", "default"), Map.of("app.kubernetes.io/name", "curl"));
  static final Peer STRANGER = new Peer("a pod of the namespace not of this app", NAMESPACE, OWN_NAMESPACE_LABELS,
      Map.of("app.kubernetes.io/name", "debug"));
  static final Peer MONITORING = new Peer("Prometheus in a monitoring namespace", "monitoring",
      Map.of("kubernetes.io/metadata.name", "monitoring", "nest-microservices/monitoring", "true"),
      Map.of("app.kubernetes.io/name", "prometheus"));

  /** Every pod of the app as a peer, named after its workload. */
  static List<Peer> appPeers(List<HasMetadata> resources) {
    return pods(resources).stream().map(p -> new Peer(p.name(), NAMESPACE, OWN_NAMESPACE_LABELS, p.labels())).toList();
  }

  static List<Peer> peers(List<HasMetadata> resources) {
    List<Peer> all = new ArrayList<>(appPeers(resources));
    all.addAll(List.of(OUTSIDE, OTHER_NAMESPACE, STRANGER, MONITORING));
    return all;
  }

  static List<NetworkPolicy> policies(List<HasMetadata> resources) {
    return resources.stream().filter(NetworkPolicy.class::isInstance).map(NetworkPolicy.class::cast)
        .filter(p -> NAMESPACE.equals(p.getMetadata().getNamespace())).toList();
  }

  static List<ContainerPort> ports(Pod pod) {
    return pod.containers().stream().flatMap(c -> c.getPorts().stream()).toList();
  }

  /** Whether the policies let {@code from} open a TCP connection to the pod's port (name and number). */
  static boolean allows(List<NetworkPolicy> policies, Pod to, String portName, int port, Peer from) {
    List<NetworkPolicy> isolating = policies.stream()
        .filter(p -> matches(p.getSpec().getPodSelector(), to.labels()))
        .filter(p -> p.getSpec().getPolicyTypes().isEmpty() || p.getSpec().getPolicyTypes().contains("Ingress"))
        .toList();
    if (isolating.isEmpty()) {
      return true;
    }
    for (NetworkPolicy policy : isolating) {
      for (NetworkPolicyIngressRule rule : policy.getSpec().getIngress()) {
        boolean portOk = rule.getPorts().isEmpty() || rule.getPorts().stream().anyMatch(p -> portMatches(p, portName, port));
        boolean peerOk = rule.getFrom().isEmpty() || rule.getFrom().stream().anyMatch(peer -> peerMatches(peer, from));
        if (portOk && peerOk) {
          return true;
        }
      }
    }
    return false;
  }

  private static boolean portMatches(NetworkPolicyPort rule, String name, int number) {
    if (rule.getProtocol() != null && !"TCP".equals(rule.getProtocol())) {
      return false;
    }
    if (rule.getPort() == null) {
      return true;
    }
    if (rule.getPort().getStrVal() != null) {
      return rule.getPort().getStrVal().equals(name);
    }
    int first = rule.getPort().getIntVal();
    return rule.getEndPort() == null ? first == number : first <= number && number <= rule.getEndPort();
  }

  private static boolean peerMatches(NetworkPolicyPeer peer, Peer from) {
    if (peer.getIpBlock() != null) {
      return true; // an address range: assume it may hold anyone, so a test that expects "no" fails on it
    }
    if (from.namespace() == null) {
      return false; // a client outside the cluster is no pod that a selector could pick
    }
    boolean namespaceOk = peer.getNamespaceSelector() == null ? NAMESPACE.equals(from.namespace())
        : matches(peer.getNamespaceSelector(), from.namespaceLabels());
    boolean podOk = peer.getPodSelector() == null || matches(peer.getPodSelector(), from.podLabels());
    return namespaceOk && podOk;
  }

  static boolean isEmpty(LabelSelector selector) {
    return selector == null || (selector.getMatchLabels().isEmpty() && selector.getMatchExpressions().isEmpty());
  }

  /** A label selector against a set of labels, with matchLabels and matchExpressions. */
  static boolean matches(LabelSelector selector, Map<String, String> labels) {
    if (selector == null) {
      return false;
    }
    if (!labels.entrySet().containsAll(selector.getMatchLabels().entrySet())) {
      return false;
    }
    for (LabelSelectorRequirement r : selector.getMatchExpressions()) {
      String value = labels.get(r.getKey());
      boolean ok = switch (r.getOperator()) {
        case "In" -> value != null && r.getValues().contains(value);
        case "NotIn" -> value == null || !r.getValues().contains(value);
        case "Exists" -> value != null;
        case "DoesNotExist" -> value == null;
        default -> throw new AssertionError("unknown selector operator " + r.getOperator());
      };
      if (!ok) {
        return false;
      }
    }
    return true;
  }
}
