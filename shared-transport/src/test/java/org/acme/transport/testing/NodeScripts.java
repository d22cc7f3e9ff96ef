package org.acme.transport.testing;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Node.js scripts run from Java tests, on npm packages pinned by a folder's committed package-lock.json: the NestJS
 * peers ({@link NestPeers}) and the gateway's browser test. {@code npm ci} runs first when the folder's node_modules
 * is missing or older than its lock file, so a clean checkout works with no manual step; a machine without node or
 * npm gets a failure that says what to install.
 */
public final class NodeScripts {

  private static final Duration INSTALL_WITHIN = Duration.ofMinutes(5);
  private static final Set<Path> INSTALLED = new HashSet<>();

  private NodeScripts() {
  }

  /** What a finished command printed, and how it ended. */
  public record Result(int exitCode, String stdout, String stderr) {
  }

  /** Installs the folder's pinned packages with {@code npm ci} unless its node_modules is present and up to date. */
  public static synchronized void ensureInstalled(Path dir) {
    Path folder = dir.toAbsolutePath().normalize();
    if (INSTALLED.contains(folder)) {
      return;
    }
    requireTool("node");
    requireTool("npm");
    if (stale(folder)) {
      Result npm = exec(folder, Map.of(), INSTALL_WITHIN, List.of("npm", "ci", "--no-audit", "--no-fund"));
      if (npm.exitCode() != 0) {
        throw new AssertionError("npm ci failed in " + folder + " (exit " + npm.exitCode() + "):\n" + npm.stderr());
      }
    }
    INSTALLED.add(folder);
  }

  /**
   * Runs the command in {@code dir} with these extra environment variables to its end, or kills it after
   * {@code timeout} and fails with what it printed so far.
   */
  public static Result exec(Path dir, Map<String, String> env, Duration timeout, List<String> command) {
    try {
      ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile());
      builder.environment().putAll(env);
      Process process = builder.start();
      CompletableFuture<String> out = drain(process.getInputStream());
      CompletableFuture<String> err = drain(process.getErrorStream());
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        // the killed child's pipes close, so what it printed until now can still be read
        throw new AssertionError(String.join(" ", command) + " did not finish within " + timeout + ":\n"
            + out.completeOnTimeout("", 5, TimeUnit.SECONDS).join() + err.completeOnTimeout("", 5, TimeUnit.SECONDS).join());
      }
      return new Result(process.exitValue(), out.get(10, TimeUnit.SECONDS), err.get(10, TimeUnit.SECONDS));
    } catch (IOException | ExecutionException | TimeoutException e) {
      throw new AssertionError("Cannot run " + String.join(" ", command), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  private static boolean stale(Path dir) {
    Path marker = dir.resolve("node_modules/.package-lock.json");
    try {
      return !Files.exists(marker)
          || Files.getLastModifiedTime(marker).compareTo(Files.getLastModifiedTime(dir.resolve("package-lock.json"))) < 0;
    } catch (IOException e) {
      return true;
    }
  }

  private static void requireTool(String tool) {
    try {
      Process process = new ProcessBuilder(tool, "--version").redirectErrorStream(true).start();
      if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
        throw new AssertionError(tool + " --version failed; these tests need Node.js 20+ and npm");
      }
    } catch (IOException e) {
      throw new AssertionError("'" + tool + "' not found on the PATH. These tests need Node.js 20+ and npm "
          + "(e.g. apt-get install nodejs npm, or https://nodejs.org)", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  private static CompletableFuture<String> drain(InputStream stream) {
    CompletableFuture<String> text = new CompletableFuture<>();
    daemon("node-output", () -> {
      try (stream) {
        text.complete(new String(stream.readAllBytes(), StandardCharsets.UTF_8));
      } catch (IOException e) {
        text.complete("");
      }
    });
    return text;
  }

  /**
   * Reading a child's output blocks for as long as the child lives, so it gets its own thread: on the shared
   * ForkJoin pool (one thread on a 2-core machine) it would starve everything else that uses it, REST Assured included.
   */
  static void daemon(String name, Runnable task) {
    Thread thread = new Thread(task, name);
    thread.setDaemon(true);
    thread.start();
  }
}
