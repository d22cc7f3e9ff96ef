package org.acme.deploy;

import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * NetworkPolicy semantics, as the Kubernetes API defines them (ingress only): whether the manifests' policies let a
 * peer (a pod of the app, a stranger, a client outside the cluster) open a connection to a pod's port. What
 * {@link NetworkPolicyTests} asks of each policy it reads here, and {@link HardeningTests} the selector matching.
 */
final class NetworkPolicies {

  static final String NAMESPACE = KustomizeSchemaTests.NAMESPACE;

  private NetworkPolicies() {
  }

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
    return Pod.all(resources).stream().map(p -> new Peer(p.name(), NAMESPACE, OWN_NAMESPACE_LABELS, p.labels())).toList();
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
