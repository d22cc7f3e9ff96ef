package org.acme.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.acme.transport.testing.Tools;

/** docker-compose.yml: health-gated, limited, built from this repository, and valid for docker-compose itself. */
class ComposeFileTests {

  @Test
  void everyContainerHasAHealthCheckARestartPolicyAndAMemoryLimit() {
    Compose compose = Compose.main();
    List<String> problems = new ArrayList<>();
    compose.services().forEach((name, svc) -> {
      List<?> test = Compose.at(svc, "healthcheck", "test");
      if ((test == null || test.isEmpty()) && !Compose.oneShot(svc)) {
        problems.add(name + ": no health check (only a one-shot, restart: \"no\", may go without)");
      }
      if (svc.get("restart") == null) {
        problems.add(name + ": no restart policy");
      }
      if (svc.get("mem_limit") == null) {
        problems.add(name + ": no memory limit");
      }
      if (svc.get("image") == null || svc.get("build") == null) {
        problems.add(name + ": needs both image (its name) and build (how to make it from this repository)");
      }
      Map<String, Object> dependsOn = Compose.at(svc, "depends_on");
      if (dependsOn != null) {
        dependsOn.forEach((dep, how) -> {
          if (!compose.services().containsKey(dep)) {
            problems.add(name + ": depends on an unknown service " + dep);
          }
          String condition = Compose.at(how, "condition");
          String expected = Compose.oneShot(compose.service(dep)) ? "service_completed_successfully" : "service_healthy";
          if (!expected.equals(condition)) {
            problems.add(name + ": depends on " + dep + " without condition: " + expected);
          }
        });
      }
      if (svc.get("ports") != null && !name.equals("api-gateway")) {
        problems.add(name + ": only the gateway publishes a port");
      }
    });
    assertThat(problems).isEmpty();
  }

  /**
   * docker compose gives a service as long to stop as it takes, as k8s does ({@link HardeningTests}): stop_grace_period
   * (Docker's default is 10 s, then SIGKILL) above quarkus.shutdown.timeout plus its drain, and the same as its k8s
   * terminationGracePeriodSeconds, so that a drain seen working in one is not cut short in the other.
   */
  @Test
  void everyServiceGetsAsLongToStopAsInKubernetes() {
    Compose compose = Compose.main();
    Map<String, Deployment> deployments = KustomizeSchemaTests.byName(
        KustomizeSchemaTests.resources(Repo.overlays().get(0)), Deployment.class);
    List<String> problems = new ArrayList<>();
    for (String service : Repo.services()) {
      Object period = compose.service(service) == null ? null : compose.service(service).get("stop_grace_period");
      Duration grace = period == null ? Duration.ofSeconds(10) : Duration.parse("PT" + String.valueOf(period).toUpperCase(Locale.ROOT));
      Duration needed = HardeningTests.timeToStop(ServiceConfig.of(service)).plus(HardeningTests.GRACE_MARGIN);
      if (grace.compareTo(needed) < 0) {
        problems.add(service + ": stop_grace_period " + grace.toSeconds() + " s is under its shutdown timeout and drain plus margin, " + needed.toSeconds() + " s");
      }
      Long k8s = deployments.get(service).getSpec().getTemplate().getSpec().getTerminationGracePeriodSeconds();
      if (k8s == null || k8s != grace.toSeconds()) {
        problems.add(service + ": stop_grace_period " + grace.toSeconds() + " s, k8s terminationGracePeriodSeconds " + k8s);
      }
    }
    assertThat(problems).isEmpty();
  }

  /** One Dockerfile builds every service from source: Maven first, the service's fast-jar on a JRE last, non-root. */
  @Test
  void servicesAreBuiltFromSourceByTheOneDockerfileAndCheckReadiness() {
    Compose compose = Compose.main();
    assertThat(Repo.read(Repo.path("Dockerfile"))).as("the services' Dockerfile")
        .containsPattern("(?m)^FROM maven:\\S+ AS build$")
        .containsPattern("(?m)^RUN mvn .*\\bpackage\\b")
        .contains("/build/${SERVICE}/target/quarkus-app/")
        .containsPattern("(?m)^USER (?!root|0\\b)\\S+")
        .containsPattern("(?m)^HEALTHCHECK .*\"healthcheck\"");
    assertThat(Repo.read(Repo.path("scripts", "docker", "service", "healthcheck.sh")))
        .contains("${QUARKUS_MANAGEMENT_PORT").contains("/q/health/ready").contains(" 200 ");
    for (String service : Repo.services()) {
      Map<String, Object> svc = compose.service(service);
      assertThat(svc).as("compose service %s", service).isNotNull();
      assertThat(Compose.<String>at(svc, "build", "context")).isEqualTo(".");
      assertThat(Compose.<String>at(svc, "build", "dockerfile")).isEqualTo("Dockerfile");
      assertThat(Compose.<Object>at(svc, "build", "args", "SERVICE")).as("%s build arg SERVICE", service).isEqualTo(service);
      assertThat(Compose.<List<String>>at(svc, "healthcheck", "test")).containsExactly("CMD", "healthcheck");
    }
    for (Map<String, Object> svc : compose.services().values()) {
      Path context = Repo.ROOT.resolve(Compose.<String>at(svc, "build", "context"));
      assertThat(context.resolve(Compose.<String>at(svc, "build", "dockerfile"))).isRegularFile();
    }
  }

  /**
   * The default file works on any Docker: every image starts FROM a public image with a tag (no local base image), no
   * build or container uses the host's network, and for a machine with no registry each of those images has a
   * stand-in (scripts/docker/stand-ins).
   */
  @Test
  void theDefaultFileNeedsOnlyPublicImagesAndItsOwnNetwork() {
    List<String> problems = new ArrayList<>();
    List<Path> dockerfiles = new ArrayList<>(List.of(Repo.path("Dockerfile")));
    Compose.main().services().forEach((name, svc) -> {
      dockerfiles.add(Repo.ROOT.resolve(Compose.<String>at(svc, "build", "context")).resolve(Compose.<String>at(svc, "build", "dockerfile")));
      if (svc.get("network_mode") != null || Compose.at(svc, "build", "network") != null) {
        problems.add(name + ": uses a network_mode or a build network; the default file runs on its own network");
      }
    });
    Matcher from = Pattern.compile("(?m)^FROM (\\S+)").matcher(dockerfiles.stream().distinct().map(Repo::read).reduce("", String::concat));
    while (from.find()) {
      String image = from.group(1);
      String name = image.replaceAll(":.*", "").replaceAll(".*/", "");
      if (image.startsWith("local/") || !image.matches("[a-z0-9./-]+:[A-Za-z0-9.-]+")) {
        problems.add("FROM " + image + ": not a public image with a tag");
      } else if (!Files.isRegularFile(Repo.path("scripts", "docker", "stand-ins", name + ".Dockerfile"))) {
        problems.add("FROM " + image + ": no stand-in scripts/docker/stand-ins/" + name + ".Dockerfile");
      }
    }
    assertThat(problems).isEmpty();
  }

  /**
   * Nothing is made on the host before {@code docker compose up --build}: the file interpolates no secret (only
   * GATEWAY_PORT); the one-shot {@code secrets} service makes them into volumes. Each service that logs in to a broker
   * reads its password from its own volume (BROKER_PASSWORD, which with-secrets exports), mounted by it alone and by
   * the maker; the brokers share one volume with every broker password, mounted by no service; every image's
   * entrypoint and every broker's health check go through with-secrets.
   */
  @Test
  void secretsAreMadeInsideTheStackAndEachServiceGetsOnlyItsOwn() {
    Compose compose = Compose.main();
    List<String> problems = new ArrayList<>();
    Matcher interpolated = Pattern.compile("(?<!\\$)\\$\\{(\\w+)").matcher(Repo.read(compose.file));
    while (interpolated.find()) {
      if (!interpolated.group(1).equals("GATEWAY_PORT")) {
        problems.add("interpolates ${" + interpolated.group(1) + "}: the host would have to provide it");
      }
    }
    Map<String, Object> maker = compose.service("secrets");
    assertThat(maker).as("the one-shot secrets service").isNotNull();
    assertThat(Compose.oneShot(maker)).as("secrets is a one-shot (restart: \"no\")").isTrue();
    List<String> made = Compose.at(maker, "volumes");
    Map<String, List<String>> mountedBy = new TreeMap<>();
    compose.services().forEach((name, svc) -> {
      List<String> volumes = Compose.at(svc, "volumes");
      (volumes == null ? List.<String>of() : volumes).stream().filter(v -> v.contains("secrets:"))
          .forEach(v -> mountedBy.computeIfAbsent(v.substring(0, v.indexOf(':')), k -> new ArrayList<>()).add(name));
    });
    for (String service : Repo.services()) {
      boolean logsIn = compose.environment(service).values().stream().anyMatch(v -> v.contains("$${BROKER_PASSWORD}"));
      if (!logsIn) {
        continue;
      }
      String volume = service + "-secrets";
      if (!List.of(volume + ":/run/secrets/nest:ro").equals(Compose.at(compose.service(service), "volumes"))) {
        problems.add(service + ": logs in to a broker but does not mount " + volume + ":/run/secrets/nest:ro (alone)");
      }
      if (!made.contains(volume + ":/secrets/services/" + service)) {
        problems.add("secrets does not make " + service + "'s share (" + volume + ":/secrets/services/" + service + ")");
      }
      if (!Set.of("secrets", service).equals(Set.copyOf(mountedBy.get(volume)))) {
        problems.add(volume + " is mounted by " + mountedBy.get(volume) + ", not by secrets and " + service + " alone");
      }
      if (!"service_completed_successfully".equals(Compose.at(compose.service(service), "depends_on", "secrets", "condition"))) {
        problems.add(service + ": may start before its secrets are made (depends_on secrets)");
      }
    }
    compose.services().forEach((name, svc) -> {
      if (!"scripts".equals(Compose.at(svc, "build", "context"))) {
        return; // the brokers are built from scripts/
      }
      if (!Compose.<List<String>>at(svc, "volumes").contains("broker-secrets:/run/secrets/nest:ro")) {
        problems.add(name + ": a broker without broker-secrets:/run/secrets/nest:ro");
      }
      if (!List.of("CMD", "with-secrets", "healthcheck").equals(Compose.at(svc, "healthcheck", "test"))) {
        problems.add(name + ": its health check does not read the secrets (CMD with-secrets healthcheck)");
      }
      Path dockerfile = Repo.ROOT.resolve("scripts").resolve(Compose.<String>at(svc, "build", "dockerfile"));
      if (!Repo.read(dockerfile).contains("ENTRYPOINT [\"with-secrets\", ")) {
        problems.add(dockerfile + ": ENTRYPOINT does not go through with-secrets");
      }
    });
    mountedBy.getOrDefault("broker-secrets", List.of()).stream()
        .filter(name -> !"scripts".equals(Compose.at(compose.service(name), "build", "context")) && !name.equals("secrets"))
        .forEach(name -> problems.add(name + ": mounts the brokers' secrets, every service's password"));
    if (!Repo.read(Repo.path("Dockerfile")).contains("ENTRYPOINT [\"with-secrets\", ")) {
      problems.add("Dockerfile: the services' ENTRYPOINT does not go through with-secrets");
    }
    assertThat(problems).isEmpty();
  }

  /** CI runs the default file as it is: its layer only names the network's bridge (which the smoke fences). */
  @Test
  void ciLayerOnlyNamesTheBridge() {
    Compose ci = Compose.ci();
    assertThat(ci.root.keySet()).containsExactly("networks");
    assertThat(Compose.<String>at(ci.root, "networks", "default", "driver_opts", "com.docker.network.bridge.name"))
        .isEqualTo("nestsmoke0");
    assertThat(Repo.read(Repo.path(".ci", "compose-smoke.sh"))).contains("BRIDGE=nestsmoke0");
  }

  @Test
  void kubernetesRunsTheImagesComposeBuilds() {
    Set<String> composeImages = new TreeSet<>();
    // all but the one-shot secrets maker: k8s has Secrets of its own (kustomize's secretGenerator)
    Compose.main().services().values().stream().filter(svc -> !Compose.oneShot(svc))
        .forEach(svc -> composeImages.add((String) svc.get("image")));
    for (Path overlay : Repo.overlays()) {
      Set<String> k8sImages = new TreeSet<>();
      for (HasMetadata workload : KustomizeSchemaTests.workloads(KustomizeSchemaTests.resources(overlay))) {
        KustomizeSchemaTests.template(workload).getSpec().getContainers().forEach(c -> k8sImages.add(c.getImage()));
      }
      assertThat(k8sImages).as("images in %s", overlay).isEqualTo(composeImages);
    }
  }

  /** The README states the total of the memory limits of the containers that stay up (a one-shot exits). */
  @Test
  void theReadmeStatesTheTotalMemoryLimit() {
    long total = 0;
    for (Map<String, Object> svc : Compose.main().services().values()) {
      total += Compose.oneShot(svc) ? 0 : mebibytes(String.valueOf(svc.get("mem_limit")));
    }
    assertThat(Repo.read(Repo.path("README.md"))).contains("limits add up to " + total + " MiB");
  }

  static long mebibytes(String limit) {
    Matcher m = Pattern.compile("(\\d+)([kmg])b?", Pattern.CASE_INSENSITIVE).matcher(limit.trim());
    assertThat(m.matches()).as("memory limit %s", limit).isTrue();
    long n = Long.parseLong(m.group(1));
    return switch (m.group(2).toLowerCase(Locale.ROOT)) {
      case "g" -> n * 1024;
      case "m" -> n;
      default -> n / 1024;
    };
  }

  /** Debian's docker-compose (1.29) checks the files as docker would (skipped where it is not installed, failed in CI). */
  @Test
  void dockerComposeAcceptsTheFiles() throws Exception {
    String compose = Tools.require("docker-compose", "apt-get install docker-compose (./dev test does it when run as root).");
    for (List<String> files : List.of(List.of("docker-compose.yml"), List.of("docker-compose.yml", ".ci/docker-compose.ci.yml"),
        List.of("docker-compose.yml", "docker-compose.observability.yml"))) {
      List<String> command = new ArrayList<>(List.of(compose));
      files.forEach(f -> command.addAll(List.of("-f", f)));
      command.addAll(List.of("config", "-q"));
      Process p = new ProcessBuilder(command).directory(Repo.ROOT.toFile()).redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
      assertThat(p.exitValue()).as("%s:%n%s", command, out).isZero();
    }
  }
}
