package org.acme.transport.testing;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Another service of this project, run for real from its build output ({@code <module>/target/quarkus-app}) as a
 * child process, on free ports given as system properties (its public port and its management port, where health
 * and metrics are). Tests use it to call a real service and to stop and start it again.
 */
public final class ServiceProcess implements AutoCloseable {

  private final String module;
  private final Map<String, String> properties;
  private final int httpPort = FreePorts.free();
  private final int managementPort = FreePorts.free();
  private final File log;
  private Process process;

  public ServiceProcess(String module, Map<String, String> properties) {
    this.module = module;
    this.properties = properties;
    this.log = new File("target/" + module + "-" + httpPort + ".log");
  }

  public int httpPort() {
    return httpPort;
  }

  /** The running process (its CPU time, for benchmarks). */
  public ProcessHandle handle() {
    return process.toHandle();
  }

  /** Where its health and metrics are. */
  public int managementPort() {
    return managementPort;
  }

  /** Starts the service and waits until {@code /q/health/ready} answers 200 on its management port. */
  public ServiceProcess start() {
    Path jar = root().resolve(module).resolve("target/quarkus-app/quarkus-run.jar");
    if (!Files.exists(jar)) {
      throw new IllegalStateException(jar + " is missing: build " + module + " first (the reactor does, with -am)");
    }
    try {
      process = new ProcessBuilder(command(jar)).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log)).start();
      try {
        awaitReady();
      } catch (RuntimeException notReady) {
        // a test resource whose start fails is never stopped: without this the service would outlive the test run
        process.destroyForcibly();
        throw notReady;
      }
      return this;
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Starts the service and waits for it to end by itself (a service that refuses to start): its exit status and
   * log; fails if it still runs after {@code within}.
   */
  public Commands.Outcome runToExit(Duration within) {
    Path jar = root().resolve(module).resolve("target/quarkus-app/quarkus-run.jar");
    try {
      process = new ProcessBuilder(command(jar)).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log)).start();
      if (!process.waitFor(within.toMillis(), TimeUnit.MILLISECONDS)) {
        kill();
        throw new IllegalStateException(module + " still ran after " + within + "; see " + log.getAbsolutePath());
      }
      return new Commands.Outcome(process.exitValue(), Files.readString(log.toPath()));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private List<String> command(Path jar) {
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx192m"));
    command.add("-Dquarkus.http.port=" + httpPort);
    command.add("-Dquarkus.management.port=" + managementPort);
    // a built jar runs in the production profile, which refuses the development secrets the tests run on; a test's
    // own properties come after, and win
    command.add("-Dnest.security.refuse-development-secrets=false");
    properties.forEach((key, value) -> command.add("-D" + key + "=" + value));
    command.addAll(List.of("-jar", jar.toString()));
    return command;
  }

  /**
   * The lines of this service's log (all its runs) that contain {@code text}, or warn, or fail: what a test that
   * timed out waiting for this service prints, so that a failure in CI says what the service was doing.
   */
  public String logFor(String text) {
    try {
      if (!log.exists()) {
        return module + ": no log at " + log.getAbsolutePath();
      }
      List<String> lines = Files.readAllLines(log.toPath()).stream()
          .filter(line -> line.contains(text) || line.contains(" WARN ") || line.contains(" ERROR "))
          .toList();
      return module + " (" + log.getName() + "):\n  " + String.join("\n  ", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    } catch (IOException e) {
      return module + ": log unreadable: " + e;
    }
  }

  /** Every line of this service's log (all its runs) that contains {@code text}, as written (a JSON log's lines whole). */
  public List<String> linesWith(String text) {
    try {
      return log.exists() ? Files.readAllLines(log.toPath()).stream().filter(line -> line.contains(text)).toList() : List.of();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private void awaitReady() throws IOException {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
    long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException(module + " exited; see " + log.getAbsolutePath() + ":\n" + Files.readString(log.toPath()));
      }
      try {
        HttpResponse<Void> ready = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + managementPort + "/q/health/ready"))
            .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding());
        if (ready.statusCode() == 200) {
          return;
        }
      } catch (IOException notYet) {
        // still starting
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
      sleep(250);
    }
    throw new IllegalStateException(module + " was not ready within 90 s; see " + log.getAbsolutePath());
  }

  /** Kills the service as a crash does: SIGKILL, no shutdown hook runs, nothing is handed over or closed politely. */
  public void kill() {
    if (process != null && process.isAlive()) {
      process.destroyForcibly();
      try {
        process.waitFor(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /**
   * The sum of a Prometheus metric's samples whose labels include these (name as Prometheus writes it, such as
   * {@code nest_server_requests_seconds_count}), read from the service's {@code /q/metrics}; 0 when it has none yet.
   */
  public double metric(String name, Map<String, String> labels) {
    try {
      HttpResponse<String> metrics = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
          URI.create("http://127.0.0.1:" + managementPort + "/q/metrics")).timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
      return metrics.body().lines().filter(line -> line.startsWith(name + "{"))
          .filter(line -> labels.entrySet().stream().allMatch(label -> line.contains(label.getKey() + "=\"" + escaped(label.getValue()) + "\"")))
          .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))).sum();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** A label value as the Prometheus text format writes it. */
  private static String escaped(String value) {
    return value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
  }

  /** Stops the service politely (SIGTERM: it leaves its consumer group, closes its connections). */
  public void stop() {
    if (process != null && process.isAlive()) {
      process.destroy();
      try {
        if (!process.waitFor(15, TimeUnit.SECONDS)) {
          process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  @Override
  public void close() {
    stop();
  }

  private static Path root() {
    for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
      if (Files.exists(p.resolve("shared-transport")) && Files.exists(p.resolve("pom.xml"))) {
        return p;
      }
    }
    throw new IllegalStateException("the project root is not above " + Path.of("").toAbsolutePath());
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
