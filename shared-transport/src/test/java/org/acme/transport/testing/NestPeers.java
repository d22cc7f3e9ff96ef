package org.acme.transport.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;

/**
 * Runs the real NestJS peers of {@code shared-transport/src/test/nest} (plain CommonJS scripts on the npm packages
 * pinned in its package-lock.json) from Java tests, in this module's test-jar so every service can use them.
 *
 * <p>{@code npm ci} runs first when node_modules is missing or older than the lock file, so a clean checkout works
 * with no manual step; a machine without node or npm gets a failure that says what to install.
 */
public final class NestPeers {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration INSTALL_WITHIN = Duration.ofMinutes(5);

  /** One call for {@link #client}: {@code send} (all reply values) or {@code emit}. */
  public record Call(String op, Object pattern, Object data) {
    public static Call send(Object pattern, Object data) {
      return new Call("send", pattern, data);
    }

    public static Call emit(Object pattern, Object data) {
      return new Call("emit", pattern, data);
    }
  }

  /**
   * Runs the calls through a real Nest {@code ClientProxy} of the transport ({@code TCP}, {@code REDIS}, ...) and
   * returns one result per call: {@code {ok:true, values:[...]}} or {@code {ok:false, err:..., timeout:bool}}.
   */
  public static List<JsonNode> client(String transport, Map<String, Object> options, List<Call> calls, boolean concurrent, Duration timeout) {
    Map<String, Object> config = Map.of("transport", transport, "options", options, "calls", calls,
        "concurrent", concurrent, "timeoutMs", timeout.toMillis());
    String out = run(Duration.ofSeconds(90).plus(timeout), "nest-client.js", write(config)).strip();
    // Nest's own logger writes to stdout too (the RMQ client logs its connection): the result is the last line.
    String last = out.substring(out.lastIndexOf('\n') + 1);
    try {
      JsonNode results = JSON.readTree(last).path("results");
      return JSON.convertValue(results, JSON.getTypeFactory().constructCollectionType(List.class, JsonNode.class));
    } catch (IOException e) {
      throw new AssertionError("nest-client.js printed no JSON: " + out, e);
    }
  }

  /** Starts a Nest math microservice ({@code nest-math-server.js}) on the transport; returns once it listens. */
  public static Server server(String transport, Map<String, Object> options) {
    return start(Duration.ofSeconds(60), "READY", "nest-math-server.js", write(Map.of("transport", transport, "options", options)));
  }

  /** Nest's own routes for the patterns (its transformPatternToRoute). */
  public static List<String> routes(List<Object> patterns) {
    String out = run(Duration.ofSeconds(60), "routes.js", write(patterns)).strip();
    try {
      return JSON.readValue(out, JSON.getTypeFactory().constructCollectionType(List.class, String.class));
    } catch (IOException e) {
      throw new AssertionError(out, e);
    }
  }

  private static String write(Object value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
  private static boolean installed;

  private NestPeers() {
  }

  /** The checkout's root: the first parent of the working directory that holds the Nest peers folder. */
  public static Path repoRoot() {
    Path dir = Path.of(System.getProperty("user.dir")).toAbsolutePath();
    for (Path candidate = dir; candidate != null; candidate = candidate.getParent()) {
      if (Files.isRegularFile(candidate.resolve("shared-transport/src/test/nest/package.json"))) {
        return candidate;
      }
    }
    throw new IllegalStateException("No shared-transport/src/test/nest/package.json above " + dir + ": run the tests from the checkout");
  }

  /** The folder with package.json, the lock file and the peer scripts. */
  public static Path nestDir() {
    return repoRoot().resolve("shared-transport/src/test/nest");
  }

  /** Installs the pinned packages with {@code npm ci} unless node_modules is present and newer than the lock file. */
  public static synchronized void ensureInstalled() {
    if (installed) {
      return;
    }
    Path dir = nestDir();
    requireTool("node");
    requireTool("npm");
    if (stale(dir)) {
      Result npm = exec(dir, INSTALL_WITHIN, List.of("npm", "ci", "--no-audit", "--no-fund"));
      if (npm.exitCode() != 0) {
        throw new AssertionError("npm ci failed in " + dir + " (exit " + npm.exitCode() + "):\n" + npm.stderr());
      }
    }
    installed = true;
  }

  /** Runs {@code node script args...} to its end and returns its stdout; a non-zero exit fails with its stderr. */
  public static String run(Duration timeout, String script, String... args) {
    ensureInstalled();
    Result result = exec(nestDir(), timeout, command(script, args));
    if (result.exitCode() != 0) {
      throw new AssertionError("node " + script + " exited with " + result.exitCode() + ":\n" + result.stderr() + result.stdout());
    }
    return result.stdout();
  }

  /**
   * Starts {@code node script args...} and returns once it prints {@code readyLine} on stdout; close the returned
   * peer to stop it.
   */
  public static Server start(Duration timeout, String readyLine, String script, String... args) {
    ensureInstalled();
    try {
      Process process = new ProcessBuilder(command(script, args)).directory(nestDir().toFile()).start();
      Server peer = new Server(script, process);
      peer.awaitLine(readyLine, timeout);
      return peer;
    } catch (IOException e) {
      throw new AssertionError("Cannot start node " + script, e);
    }
  }

  private static List<String> command(String script, String... args) {
    List<String> command = new ArrayList<>(List.of("node", script));
    command.addAll(List.of(args));
    return command;
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
        throw new AssertionError(tool + " --version failed; the NestJS interop tests need Node.js 20+ and npm");
      }
    } catch (IOException e) {
      throw new AssertionError("'" + tool + "' not found on the PATH. The NestJS interop tests need Node.js 20+ and npm "
          + "(e.g. apt-get install nodejs npm, or https://nodejs.org)", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  private static Result exec(Path dir, Duration timeout, List<String> command) {
    try {
      Process process = new ProcessBuilder(command).directory(dir.toFile()).start();
      CompletableFuture<String> out = drain(process.getInputStream());
      CompletableFuture<String> err = drain(process.getErrorStream());
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly();
        throw new AssertionError(String.join(" ", command) + " did not finish within " + timeout + ":\n" + err.getNow(""));
      }
      return new Result(process.exitValue(), out.get(10, TimeUnit.SECONDS), err.get(10, TimeUnit.SECONDS));
    } catch (IOException | ExecutionException | TimeoutException e) {
      throw new AssertionError("Cannot run " + String.join(" ", command), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  private static CompletableFuture<String> drain(InputStream stream) {
    CompletableFuture<String> text = new CompletableFuture<>();
    daemon("nest-peer-output", () -> {
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
  private static void daemon(String name, Runnable task) {
    Thread thread = new Thread(task, name);
    thread.setDaemon(true);
    thread.start();
  }

  private record Result(int exitCode, String stdout, String stderr) {
  }

  /** A Nest peer that keeps running (a server); its output is kept for failure messages. */
  public static final class Server implements AutoCloseable {

    private final String script;
    private final Process process;
    private final StringBuffer output = new StringBuffer();
    private final CompletableFuture<Void> errDrained = new CompletableFuture<>();

    private Server(String script, Process process) {
      this.script = script;
      this.process = process;
      daemon("nest-peer-stderr-" + script, () -> {
        copyLines(process.getErrorStream());
        errDrained.complete(null);
      });
    }

    private void awaitLine(String readyLine, Duration timeout) {
      CompletableFuture<Void> ready = new CompletableFuture<>();
      daemon("nest-peer-stdout-" + script, () -> {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
          for (String line = lines.readLine(); line != null; line = lines.readLine()) {
            output.append(line).append('\n');
            if (line.strip().equals(readyLine)) {
              ready.complete(null);
            }
          }
        } catch (IOException e) {
          // The process ended; the exit is reported below.
        }
        ready.completeExceptionally(new IllegalStateException("exited"));
      });
      try {
        ready.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        close();
        throw new AssertionError(e);
      } catch (ExecutionException | TimeoutException e) {
        close();
        throw new AssertionError("node " + script + " did not print '" + readyLine + "' within " + timeout + ":\n" + output);
      }
    }

    private void copyLines(InputStream stream) {
      try (BufferedReader lines = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
        for (String line = lines.readLine(); line != null; line = lines.readLine()) {
          output.append(line).append('\n');
        }
      } catch (IOException e) {
        // The process ended.
      }
    }

    /** What the peer printed so far, stdout and stderr interleaved. */
    public String output() {
      return output.toString();
    }

    @Override
    public void close() {
      process.destroy();
      try {
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
          process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
        errDrained.get(5, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } catch (ExecutionException | TimeoutException e) {
        // Nothing more to collect.
      }
    }
  }
}
