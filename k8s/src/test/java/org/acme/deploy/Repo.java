package org.acme.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** The repository this module lives in, and the service modules in it. */
final class Repo {

  /** The repository root: surefire runs in k8s/, so it is the parent directory. */
  static final Path ROOT = Path.of(System.getProperty("basedir", ".")).toAbsolutePath().normalize().getParent();

  private Repo() {}

  static Path path(String first, String... more) {
    return ROOT.resolve(Path.of(first, more));
  }

  static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Service modules: a folder with an application.properties (each built by the root Dockerfile). */
  static List<String> services() {
    try (Stream<Path> dirs = Files.list(ROOT)) {
      return dirs.filter(d -> Files.isRegularFile(d.resolve("src/main/resources/application.properties")))
          .map(d -> d.getFileName().toString())
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Overlays under k8s/overlays, each a kustomization. */
  static List<Path> overlays() {
    try (Stream<Path> dirs = Files.list(path("k8s", "overlays"))) {
      return dirs.filter(d -> Files.isRegularFile(d.resolve("kustomization.yaml"))).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
