package org.acme.transport.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The command-line tools some checks need (kubectl, docker-compose, chromium). Missing on a developer's machine: the
 * check is skipped, saying what to install. Missing where {@code -Dtools.required=true} (CI): the check fails, because
 * a skip there would hide a check that never ran.
 */
public final class Tools {

  private Tools() {
  }

  /** The tool on PATH; else a skip (or, with -Dtools.required=true, a failure) that says how to get it. */
  public static String require(String tool, String install) {
    Optional<String> found = onPath(tool);
    if (found.isPresent()) {
      return found.get();
    }
    String message = tool + " is not on PATH, so this check did not run. " + install;
    if (Boolean.getBoolean("tools.required")) {
      throw new AssertionError(message);
    }
    assumeTrue(false, message);
    return null;
  }

  /** The tool's path, if it is on PATH. */
  public static Optional<String> onPath(String tool) {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      Path candidate = Path.of(dir, tool);
      if (Files.isExecutable(candidate)) {
        return Optional.of(candidate.toString());
      }
    }
    return Optional.empty();
  }
}
