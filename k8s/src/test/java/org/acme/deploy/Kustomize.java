package org.acme.deploy;


import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.acme.transport.testing.Tools;

/** Runs {@code kubectl kustomize} (offline) and hands back its output, cached per directory. */
final class Kustomize {

  private static final Map<Path, String> OUTPUT = new ConcurrentHashMap<>();

  private Kustomize() {}

  /** The kubectl on PATH, or the test is skipped (failed in CI), saying why. */
  static String kubectl() {
    return Tools.require("kubectl", "Install kubectl (it builds kustomizations offline, no cluster needed): "
        + "https://kubernetes.io/docs/tasks/tools/ or your distribution's kubectl package.");
  }

  /** The YAML stream that {@code kubectl kustomize dir} prints; fails with kubectl's message if it fails. */
  static String build(Path dir) {
    return OUTPUT.computeIfAbsent(dir.toAbsolutePath().normalize(), Kustomize::run);
  }

  /** Every document of the build, as plain maps. */
  @SuppressWarnings("unchecked")
  static List<Map<String, Object>> documents(Path dir) {
    List<Map<String, Object>> docs = new ArrayList<>();
    for (Object doc : new Yaml(new LoaderOptions()).loadAll(build(dir))) {
      if (doc != null) {
        docs.add((Map<String, Object>) doc);
      }
    }
    return docs;
  }

  private static String run(Path dir) {
    try {
      Process process = new ProcessBuilder(kubectl(), "kustomize", dir.toString()).redirectErrorStream(false).start();
      process.getOutputStream().close();
      var stdout = process.getInputStream().readAllBytes();
      var stderr = process.getErrorStream().readAllBytes();
      if (!process.waitFor(120, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new AssertionError("kubectl kustomize " + dir + " did not finish within 120 s");
      }
      if (process.exitValue() != 0) {
        throw new AssertionError("kubectl kustomize " + dir + " failed:\n" + new String(stderr, StandardCharsets.UTF_8));
      }
      return new String(stdout, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }
}
