package org.acme.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * services.txt, the one list of the services and their ports that ./dev reads, says what the repository says: every
 * module of the root pom with an application.properties is on it and nothing else is, each port is the one its
 * application.properties gives, no two services share a port, and k8s/base deploys every one of them.
 */
class ServicesListTests {

  /** Where an extra port of services.txt is configured, by its name there. */
  static final Map<String, String> EXTRA_PORT_KEYS = Map.of("tcp", "nest.server.tcp.port", "grpc", "quarkus.grpc.server.port");

  record Entry(String service, int http, int management, Map<String, Integer> extra) {
  }

  static List<Entry> entries() {
    List<Entry> entries = new ArrayList<>();
    for (String line : Repo.read(Repo.path("services.txt")).lines().toList()) {
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      String[] f = line.trim().split("\\s+");
      assertThat(f).as("services.txt: '%s' has a service, its HTTP, management and extra ports", line).hasSize(4);
      Map<String, Integer> extra = new LinkedHashMap<>();
      if (!f[3].equals("-")) {
        for (String named : f[3].split(",")) {
          String[] kv = named.split(":");
          extra.put(kv[0], Integer.parseInt(kv[1]));
        }
      }
      entries.add(new Entry(f[0], Integer.parseInt(f[1]), Integer.parseInt(f[2]), extra));
    }
    return entries;
  }

  static Properties properties(String service) {
    Properties p = new Properties();
    try (InputStream in = Files.newInputStream(Repo.path(service, "src/main/resources/application.properties"))) {
      p.load(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return p;
  }

  /** The root pom's modules that are services: those with an application.properties. */
  static List<String> serviceModules() {
    List<String> modules = new ArrayList<>();
    Matcher m = Pattern.compile("<module>([^<]+)</module>").matcher(Repo.read(Repo.path("pom.xml")));
    while (m.find()) {
      if (Files.isRegularFile(Repo.path(m.group(1), "src/main/resources/application.properties"))) {
        modules.add(m.group(1));
      }
    }
    return modules;
  }

  @Test
  void listsEveryServiceModuleOfTheRootPomAndNothingElse() {
    assertThat(entries()).extracting(Entry::service).containsExactlyInAnyOrderElementsOf(serviceModules());
  }

  @Test
  void everyPortIsTheOneItsApplicationPropertiesGives() {
    List<String> problems = new ArrayList<>();
    for (Entry e : entries()) {
      Properties p = properties(e.service());
      Map<String, Integer> expected = new LinkedHashMap<>();
      expected.put("quarkus.http.port", e.http());
      expected.put("quarkus.management.port", e.management());
      e.extra().forEach((name, port) -> {
        assertThat(EXTRA_PORT_KEYS).as("services.txt %s: an extra port named %s", e.service(), name).containsKey(name);
        expected.put(EXTRA_PORT_KEYS.get(name), port);
      });
      expected.forEach((key, port) -> {
        if (!String.valueOf(port).equals(p.getProperty(key))) {
          problems.add(e.service() + ": services.txt says " + key + "=" + port + ", application.properties " + p.getProperty(key));
        }
      });
    }
    assertThat(problems).isEmpty();
  }

  @Test
  void noTwoServicesShareAPort() {
    Map<Integer, String> owners = new LinkedHashMap<>();
    List<String> clashes = new ArrayList<>();
    for (Entry e : entries()) {
      List<Integer> ports = new ArrayList<>(List.of(e.http(), e.management()));
      ports.addAll(e.extra().values());
      for (int port : ports) {
        String before = owners.putIfAbsent(port, e.service());
        if (before != null) {
          clashes.add(port + ": " + before + " and " + e.service());
        }
      }
    }
    assertThat(clashes).isEmpty();
  }

  @Test
  void k8sBaseDeploysEveryService() {
    String base = Repo.read(Repo.path("k8s", "base", "kustomization.yaml"));
    for (Entry e : entries()) {
      assertThat(base).as("k8s/base/kustomization.yaml resources").containsPattern("(?m)^  - " + Pattern.quote(e.service()) + "$");
      assertThat(Repo.path("k8s", "base", e.service(), "kustomization.yaml")).as("k8s/base/%s", e.service()).isRegularFile();
    }
  }
}
