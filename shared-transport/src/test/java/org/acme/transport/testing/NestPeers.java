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
import java.util.HashMap;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;

/**
 * Runs the real NestJS peers of {@code shared-transport/src/test/nest/peers} (ES module scripts) from Java tests, on
 * the npm packages of one NestJS version, pinned in {@code nest/v11} or {@code nest/v12} by its package-lock.json.
 * In this module's test-jar, so every service can use them.
 *
 * <p>{@code npm ci} runs first when a version's node_modules is missing or older than its lock file ({@link NodeScripts}),
 * so a clean checkout works with no manual step; a machine without node or npm gets a failure that says what to install.
 */
public final class NestPeers {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** The NestJS versions the peers run on: 11 (CommonJS, the legacy line) and 12 (ESM, npm's latest). */
  public enum Version {
    V11("11"), V12("12");

    private final String number;

    Version(String number) {
      this.number = number;
    }

    /** 11 or 12. */
    public String number() {
      return number;
    }

    /** 11 or 12, as a parameterized test names a version. */
    public static Version of(String number) {
      for (Version version : values()) {
        if (version.number.equals(number)) {
          return version;
        }
      }
      throw new IllegalArgumentException("no NestJS " + number + " here: 11 or 12");
    }

    /** The folder with this version's package.json, package-lock.json and node_modules. */
    public Path dir() {
      return nestDir().resolve("v" + number);
    }
  }

  /**
   * One call for {@link #client}: {@code send} (all reply values) or {@code emit}; headers, when given, go through
   * the transport's own Nest record form (NATS, RabbitMQ and Kafka have headers).
   */
  public record Call(String op, Object pattern, Object data, Map<String, String> headers) {
    public static Call send(Object pattern, Object data) {
      return new Call("send", pattern, data, null);
    }

    public static Call send(Object pattern, Object data, Map<String, String> headers) {
      return new Call("send", pattern, data, headers);
    }

    public static Call emit(Object pattern, Object data) {
      return new Call("emit", pattern, data, null);
    }
  }

  /** The JSON mapper the peers' output is read with. */
  public static ObjectMapper json() {
    return JSON;
  }

  /**
   * Runs the calls through a real Nest {@code ClientProxy} of the version and transport ({@code TCP}, {@code REDIS},
   * ...) and returns one result per call: {@code {ok:true, values:[...]}} or {@code {ok:false, err:..., timeout:bool}}.
   * A non-empty metadata map is set on every packet with Nest 12's {@code ClientProxy#setOnDispatchHook}.
   */
  public static List<JsonNode> client(Version version, String transport, Map<String, Object> options, Map<String, String> metadata,
      List<Call> calls, boolean concurrent, Duration timeout) {
    Map<String, Object> config = new HashMap<>(Map.of("transport", transport, "options", options, "calls", calls,
        "concurrent", concurrent, "timeoutMs", timeout.toMillis()));
    if (!metadata.isEmpty()) {
      config.put("metadata", metadata);
    }
    String out = run(version, Duration.ofSeconds(90).plus(timeout), "nest-client.mjs", write(config)).strip();
    // Nest's own logger writes to stdout too (the RMQ client logs its connection, Nest 12's NATS client its close)
    String last = out.lines().filter(line -> line.startsWith("{\"results\":")).reduce((first, second) -> second).orElse("");
    try {
      JsonNode results = JSON.readTree(last).path("results");
      return JSON.convertValue(results, JSON.getTypeFactory().constructCollectionType(List.class, JsonNode.class));
    } catch (IOException e) {
      throw new AssertionError("nest-client.mjs printed no JSON: " + out, e);
    }
  }

  /** Starts a Nest math microservice ({@code nest-math-server.mjs}) of the version on the transport; returns once it listens. */
  public static Server server(Version version, String transport, Map<String, Object> options) {
    return server(version, transport, options, Map.of());
  }

  /** The same with more of the script's settings, such as {@code shareGroup} (see {@code nest-math-server.mjs}). */
  public static Server server(Version version, String transport, Map<String, Object> options, Map<String, Object> settings) {
    Map<String, Object> config = new HashMap<>(settings);
    config.put("transport", transport);
    config.put("options", options);
    return start(version, Duration.ofSeconds(60), "READY", "nest-math-server.mjs", write(config));
  }

  /** A Nest version's own routes for the patterns (its transformPatternToRoute). */
  public static List<String> routes(Version version, List<Object> patterns) {
    String out = run(version, Duration.ofSeconds(60), "routes.mjs", write(patterns)).strip();
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

  private NestPeers() {
  }

  /** The checkout's root: the first parent of the working directory that holds the Nest peers folder. */
  public static Path repoRoot() {
    Path dir = Path.of(System.getProperty("user.dir")).toAbsolutePath();
    for (Path candidate = dir; candidate != null; candidate = candidate.getParent()) {
      if (Files.isRegularFile(candidate.resolve("shared-transport/src/test/nest/peers/nest.mjs"))) {
        return candidate;
      }
    }
    throw new IllegalStateException("No shared-transport/src/test/nest/peers/nest.mjs above " + dir + ": run the tests from the checkout");
  }

  /** The folder of the peer scripts ({@code peers/}) and of one folder per Nest version. */
  public static Path nestDir() {
    return repoRoot().resolve("shared-transport/src/test/nest");
  }

  /**
   * Installs a version's pinned packages with {@code npm ci} unless its node_modules is present and newer than its
   * lock file.
   */
  public static void ensureInstalled(Version version) {
    NodeScripts.ensureInstalled(version.dir());
  }

  /**
   * Runs {@code node peers/script args...} on a Nest version to its end and returns its stdout; a non-zero exit fails
   * with its stderr.
   */
  public static String run(Version version, Duration timeout, String script, String... args) {
    ensureInstalled(version);
    NodeScripts.Result result = exec(peersDir(), version, timeout, command(script, args));
    if (result.exitCode() != 0) {
      throw new AssertionError("node " + script + " exited with " + result.exitCode() + ":\n" + result.stderr() + result.stdout());
    }
    return result.stdout();
  }

  /**
   * Starts {@code node peers/script args...} on a Nest version and returns once it prints {@code readyLine} on stdout;
   * close the returned peer to stop it.
   */
  public static Server start(Version version, Duration timeout, String readyLine, String script, String... args) {
    ensureInstalled(version);
    try {
      Process process = builder(peersDir(), version, command(script, args)).start();
      Server peer = new Server(script, process);
      peer.awaitLine(readyLine, timeout);
      return peer;
    } catch (IOException e) {
      throw new AssertionError("Cannot start node " + script, e);
    }
  }

  private static Path peersDir() {
    return nestDir().resolve("peers");
  }

  private static ProcessBuilder builder(Path dir, Version version, List<String> command) {
    ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile());
    builder.environment().put("NEST_VERSION", version.number());
    return builder;
  }

  private static List<String> command(String script, String... args) {
    List<String> command = new ArrayList<>(List.of("node", script));
    command.addAll(List.of(args));
    return command;
  }

  private static NodeScripts.Result exec(Path dir, Version version, Duration timeout, List<String> command) {
    return NodeScripts.exec(dir, Map.of("NEST_VERSION", version.number()), timeout, command);
  }

  private static void daemon(String name, Runnable task) {
    NodeScripts.daemon(name, task);
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

    /** The running process (its CPU time, for benchmarks). */
    public ProcessHandle handle() {
      return process.toHandle();
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
