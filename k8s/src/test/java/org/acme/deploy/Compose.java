package org.acme.deploy;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

/** A compose file as plain maps, anchors and merge keys resolved (SnakeYAML does YAML 1.1 merges). */
final class Compose {

  final Path file;
  final Map<String, Object> root;

  private Compose(Path file) {
    this.file = file;
    // SnakeYAML's guard against alias bombs stops at 50 aliases; every service merges three or four anchors, so a
    // dozen services (./dev new-service adds them) pass it. Our own file, so a higher bound is no risk.
    LoaderOptions options = new LoaderOptions();
    options.setMaxAliasesForCollections(1000);
    this.root = new Yaml(options).load(Repo.read(file));
  }

  static Compose main() {
    return new Compose(Repo.path("docker-compose.yml"));
  }

  /** CI's layer: the name of the network's bridge. */
  static Compose ci() {
    return new Compose(Repo.path(".ci", "docker-compose.ci.yml"));
  }

  @SuppressWarnings("unchecked")
  Map<String, Map<String, Object>> services() {
    return (Map<String, Map<String, Object>>) root.get("services");
  }

  Map<String, Object> service(String name) {
    return services().get(name);
  }

  /** A service's environment as strings, from the map or the list form. */
  Map<String, String> environment(String name) {
    Map<String, String> env = new LinkedHashMap<>();
    Object raw = service(name) == null ? null : service(name).get("environment");
    if (raw instanceof Map<?, ?> map) {
      map.forEach((k, v) -> env.put(String.valueOf(k), v == null ? "" : String.valueOf(v)));
    } else if (raw instanceof List<?> list) {
      for (Object item : list) {
        String s = String.valueOf(item);
        int eq = s.indexOf('=');
        env.put(eq < 0 ? s : s.substring(0, eq), eq < 0 ? "" : s.substring(eq + 1));
      }
    }
    return env;
  }

  /** A container that does its work and exits (restart: "no"), such as the secrets maker. */
  static boolean oneShot(Map<String, Object> svc) {
    return svc != null && "no".equals(String.valueOf(svc.get("restart")));
  }

  @SuppressWarnings("unchecked")
  static <T> T at(Object node, String... path) {
    Object current = node;
    for (String step : path) {
      if (!(current instanceof Map<?, ?> map)) {
        return null;
      }
      current = map.get(step);
    }
    return (T) current;
  }
}
