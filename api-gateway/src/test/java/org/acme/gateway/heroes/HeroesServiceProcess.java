package org.acme.gateway.heroes;

import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.acme.contracts.hero.Empty;
import org.acme.contracts.hero.HeroesServiceGrpc;
import org.acme.transport.testing.NestPeers;
import org.acme.transport.testing.TestCertificates;

/**
 * Runs the real heroes-grpc-service, as built by the reactor ({@code target/quarkus-app/quarkus-run.jar}), in a
 * child JVM on a free gRPC port, and points the gateway's Stork list at it. Tests reach the running instance
 * through {@link #current()} to hang it (SIGSTOP) or stop it.
 */
public class HeroesServiceProcess implements QuarkusTestResourceLifecycleManager {

  private static final long READY_WITHIN_MS = 60_000;
  private static volatile HeroesServiceProcess current;

  private Process process;
  private Path log;
  /** With init argument {@code tls=true}: the service serves gRPC over TLS only, with these certificates. */
  private TestCertificates certificates;

  @Override
  public void init(Map<String, String> initArgs) {
    if (Boolean.parseBoolean(initArgs.get("tls"))) {
      certificates = TestCertificates.create(List.of("heroes-grpc-service"));
    }
  }

  /** The instance the running test class started. */
  public static HeroesServiceProcess current() {
    return current;
  }

  @Override
  public Map<String, String> start() {
    Path root = NestPeers.repoRoot();
    Path jar = root.resolve("heroes-grpc-service/target/quarkus-app/quarkus-run.jar");
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException(jar + " is missing. Build the service first, e.g. ./mvnw -pl api-gateway -am verify "
          + "(the reactor builds heroes-grpc-service before the gateway)");
    }
    int port = freePort();
    String java = ProcessHandle.current().info().command().orElse("java");
    try {
      log = Files.createTempFile("heroes-grpc-service-", ".log");
      List<String> command = new java.util.ArrayList<>(List.of(java, "-Xmx128m",
          "-Dquarkus.grpc.server.port=" + port,
          "-Dquarkus.http.port=0",
          "-Dquarkus.management.port=0"));
      if (certificates != null) {
        command.addAll(List.of("-Dquarkus.grpc.server.plain-text=false",
            "-Dquarkus.grpc.server.ssl.certificate=" + certificates.serverCert(),
            "-Dquarkus.grpc.server.ssl.key=" + certificates.serverKey()));
      }
      command.addAll(List.of("-jar", jar.toString()));
      process = new ProcessBuilder(command)
          .redirectErrorStream(true)
          .redirectOutput(log.toFile())
          .start();
    } catch (IOException e) {
      throw new IllegalStateException("Cannot start " + jar, e);
    }
    awaitServing(port);
    current = this;
    String addresses = "127.0.0.1:" + port;
    if (certificates == null) {
      return Map.of("quarkus.stork.heroes-grpc-service.service-discovery.address-list", addresses);
    }
    // the gateway's client over TLS, trusting the test's CA and checking the server's name, as in production
    return Map.of("quarkus.stork.heroes-grpc-service.service-discovery.address-list", addresses,
        "quarkus.grpc.clients.heroes.plain-text", "false",
        "quarkus.grpc.clients.heroes.tls-configuration-name", "heroes",
        "quarkus.tls.heroes.trust-store.pem.certs", certificates.ca().toString());
  }

  /** Freezes the service: connections stay open, nothing answers, as with a hung process. */
  public void hang() {
    signal("STOP");
  }

  public void resume() {
    signal("CONT");
  }

  @Override
  public void stop() {
    if (process == null) {
      return;
    }
    resume();
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void awaitServing(int port) {
    if (certificates != null) {
      awaitLog("started in", port);
      return;
    }
    ManagedChannel channel = ManagedChannelBuilder.forAddress("127.0.0.1", port).usePlaintext().build();
    try {
      long deadline = System.currentTimeMillis() + READY_WITHIN_MS;
      while (System.currentTimeMillis() < deadline) {
        if (!process.isAlive()) {
          throw new IllegalStateException("heroes-grpc-service exited with " + process.exitValue() + ":\n" + output());
        }
        try {
          HeroesServiceGrpc.newBlockingStub(channel).withDeadlineAfter(1, TimeUnit.SECONDS).findMany(Empty.getDefaultInstance());
          return;
        } catch (RuntimeException notYet) {
          sleep(200);
        }
      }
      stop();
      throw new IllegalStateException("heroes-grpc-service did not serve gRPC on " + port + " within " + READY_WITHIN_MS + " ms:\n" + output());
    } finally {
      channel.shutdownNow();
    }
  }

  /** Over TLS the plain-text probe cannot ask: Quarkus logs "started in" once the gRPC server listens. */
  private void awaitLog(String line, int port) {
    long deadline = System.currentTimeMillis() + READY_WITHIN_MS;
    while (System.currentTimeMillis() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException("heroes-grpc-service exited with " + process.exitValue() + ":\n" + output());
      }
      if (output().contains(line)) {
        return;
      }
      sleep(200);
    }
    stop();
    throw new IllegalStateException("heroes-grpc-service did not start on " + port + " within " + READY_WITHIN_MS + " ms:\n" + output());
  }

  private void signal(String signal) {
    try {
      new ProcessBuilder("kill", "-" + signal, String.valueOf(process.pid())).redirectOutput(new File("/dev/null"))
          .start().waitFor(5, TimeUnit.SECONDS);
    } catch (IOException e) {
      throw new IllegalStateException("Cannot send SIG" + signal + " to heroes-grpc-service", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private String output() {
    try {
      return Files.readString(log);
    } catch (IOException e) {
      return "(no output: " + e + ")";
    }
  }

  static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
