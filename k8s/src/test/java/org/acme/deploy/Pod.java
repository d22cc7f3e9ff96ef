package org.acme.deploy;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.SecurityContext;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;

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

  /** The pod template of every workload (Deployment, StatefulSet) of the manifests. */
  static List<Pod> all(List<HasMetadata> resources) {
    return KustomizeSchemaTests.workloads(resources).stream().map(w -> {
      var template = KustomizeSchemaTests.template(w);
      return new Pod(w.getMetadata().getName(), template.getMetadata().getLabels(), template.getSpec());
    }).toList();
  }
}
