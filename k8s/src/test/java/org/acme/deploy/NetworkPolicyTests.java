package org.acme.deploy;

import static org.acme.deploy.NetworkPolicies.MONITORING;
import static org.acme.deploy.NetworkPolicies.OTHER_NAMESPACE;
import static org.acme.deploy.NetworkPolicies.OUTSIDE;
import static org.acme.deploy.NetworkPolicies.STRANGER;
import static org.acme.deploy.NetworkPolicies.allows;
import static org.acme.deploy.NetworkPolicies.appPeers;
import static org.acme.deploy.NetworkPolicies.isEmpty;
import static org.acme.deploy.NetworkPolicies.peers;
import static org.acme.deploy.NetworkPolicies.policies;
import static org.acme.deploy.NetworkPolicies.ports;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.acme.deploy.NetworkPolicies.Peer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * NetworkPolicies let each pod be reached only by whom it serves: nothing by default, the gateway's HTTP port from
 * anywhere, the services from the gateway, the brokers from this app's pods, the management ports from a monitoring
 * namespace. Each rule asks {@link NetworkPolicies} about every pod, port and kind of caller, so a policy too open or
 * too closed fails it.
 */
class NetworkPolicyTests {

  static final String GATEWAY = "api-gateway";
  static final String MANAGEMENT = KustomizeSchemaTests.MANAGEMENT_PORT;

  static Stream<Path> overlays() {
    return Repo.overlays().stream();
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
    assertThat(disagreements(policies, Pod.all(resources), List.of(OUTSIDE, OTHER_NAMESPACE, STRANGER), EVERY,
        (pod, port, peer) -> isGatewayHttp(pod, port)))
        .as("ingress from outside the app in %s", overlay).isEmpty();
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
    List<Pod> services = Pod.all(resources).stream().filter(Pod::isService).toList();
    // the management ports: managementPortsAreOpenOnlyToAMonitoringNamespace
    assertThat(disagreements(policies, services, appPeers(resources), (pod, port, peer) -> !MANAGEMENT.equals(port.getName()),
        (pod, port, peer) -> pod.name().equals(GATEWAY) || peer.name().equals(GATEWAY)))
        .as("calls between the app's pods in %s", overlay).isEmpty();
  }

  /** Each broker serves every pod of this app and no one else. */
  @ParameterizedTest
  @MethodSource("overlays")
  void brokersServeOnlyThisAppsPods(Path overlay) {
    List<HasMetadata> resources = KustomizeSchemaTests.resources(overlay);
    List<NetworkPolicy> policies = policies(resources);
    List<Pod> brokers = Pod.all(resources).stream().filter(Pod::isBroker).toList();
    assertThat(brokers).as("brokers").isNotEmpty();
    // every workload of the app, whatever its labels say: a pod that lost the label the policy names is locked out
    List<Peer> app = appPeers(resources);
    assertThat(disagreements(policies, brokers, peers(resources), EVERY, (pod, port, peer) -> app.contains(peer)))
        .as("ingress to the brokers in %s", overlay).isEmpty();
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
    assertThat(disagreements(policies, Pod.all(resources), peers(resources),
        (pod, port, peer) -> MANAGEMENT.equals(port.getName()) || peer == MONITORING,
        (pod, port, peer) -> MANAGEMENT.equals(port.getName()) ? peer == MONITORING : isGatewayHttp(pod, port)))
        .as("management ports in %s", overlay).isEmpty();
  }

  /** A question about one pod's port and one caller: the rules above ask which pairs they speak of, and which are open. */
  @FunctionalInterface
  interface PortRule {
    boolean test(Pod pod, ContainerPort port, Peer peer);
  }

  private static final PortRule EVERY = (pod, port, peer) -> true;

  private static boolean isGatewayHttp(Pod pod, ContainerPort port) {
    return pod.name().equals(GATEWAY) && "http".equals(port.getName());
  }

  /**
   * Every port of the pods and every peer the rule {@code concerns} where the policies disagree with {@code open}: "peer
   * reaches pod:port" when it should not, "cannot reach" when it should.
   */
  private static List<String> disagreements(List<NetworkPolicy> policies, List<Pod> pods, List<Peer> peers, PortRule concerns,
      PortRule open) {
    List<String> problems = new ArrayList<>();
    for (Pod pod : pods) {
      for (ContainerPort port : ports(pod)) {
        for (Peer peer : peers) {
          if (!concerns.test(pod, port, peer)) {
            continue;
          }
          boolean expected = open.test(pod, port, peer);
          if (allows(policies, pod, port.getName(), port.getContainerPort(), peer) != expected) {
            problems.add(peer.name() + (expected ? " cannot reach " : " reaches ") + pod.name() + ":" + port.getName());
          }
        }
      }
    }
    return problems;
  }
}
