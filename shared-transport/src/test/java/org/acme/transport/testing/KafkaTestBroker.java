package org.acme.transport.testing;

import java.io.IOException;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.kafka.common.Uuid;

/**
 * A single-node Kafka (KRaft) of one test's own, in a folder of its own, from the jars {@code ./dev} fetches
 * ({@code build/dev/kafka/libs}), so a test can stop and restart a broker without touching the shared one on 9092.
 * Static and folder-based: a Quarkus test and its test resource live in different class loaders, so they share
 * the folder and port (as configuration), and the broker's pid lives in a file there.
 */
public final class KafkaTestBroker {

  /** The folders whose broker is removed when the JVM exits, each once however often it is launched again. */
  private static final Set<Path> WATCHED = ConcurrentHashMap.newKeySet();

  private KafkaTestBroker() {
  }

  /** A formatted data folder for a broker on 127.0.0.1:port. */
  public static Path format(int port) throws IOException {
    return format(port, List.of(), List.of());
  }

  /**
   * A formatted data folder for a broker on 127.0.0.1:port whose client listener speaks SASL_SSL with SCRAM-SHA-512
   * (certificate and key in one PEM file, the CA's in another) and knows one user; the broker talks to itself on a
   * plain listener of its own, at {@code internalPort}, which a test may use as the operator's door.
   */
  public static Path formatSecure(int port, int internalPort, Path keyAndCertPem, Path caPem, String user, String password) throws IOException {
    return format(port, List.of(
        "listeners=SASL_SSL://127.0.0.1:" + port + ",INTERNAL://127.0.0.1:" + internalPort + ",CONTROLLER://127.0.0.1:{controller}",
        "advertised.listeners=SASL_SSL://127.0.0.1:" + port + ",INTERNAL://127.0.0.1:" + internalPort,
        "inter.broker.listener.name=INTERNAL",
        "listener.security.protocol.map=SASL_SSL:SASL_SSL,INTERNAL:PLAINTEXT,CONTROLLER:PLAINTEXT",
        "sasl.enabled.mechanisms=SCRAM-SHA-512",
        // the users themselves are in the cluster's metadata (--add-scram, or an admin's alterUserScramCredentials)
        "listener.name.sasl_ssl.scram-sha-512.sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required;",
        "listener.name.sasl_ssl.ssl.keystore.type=PEM", "listener.name.sasl_ssl.ssl.keystore.location=" + keyAndCertPem,
        "listener.name.sasl_ssl.ssl.truststore.type=PEM", "listener.name.sasl_ssl.ssl.truststore.location=" + caPem),
        List.of("--add-scram", "SCRAM-SHA-512=[name=" + user + ",password=" + password + "]"));
  }

  private static Path format(int port, List<String> listeners, List<String> formatOptions) throws IOException {
    Path dir = Files.createTempDirectory("test-kafka");
    int controller = FreePorts.free();
    Path config = dir.resolve("server.properties");
    List<String> lines = new ArrayList<>(List.of("process.roles=broker,controller", "node.id=1",
        "controller.quorum.voters=1@127.0.0.1:" + controller, "controller.listener.names=CONTROLLER"));
    lines.addAll(listeners.isEmpty() ? List.of(
        "listeners=PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controller,
        "advertised.listeners=PLAINTEXT://127.0.0.1:" + port, "inter.broker.listener.name=PLAINTEXT",
        "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT")
        : listeners.stream().map(line -> line.replace("{controller}", String.valueOf(controller))).toList());
    lines.addAll(List.of("log.dirs=" + dir.resolve("data"),
        "num.partitions=1", "offsets.topic.replication.factor=1", "offsets.topic.num.partitions=1",
        "transaction.state.log.replication.factor=1", "transaction.state.log.min.isr=1",
        "share.coordinator.state.topic.replication.factor=1", "share.coordinator.state.topic.min.isr=1",
        "group.initial.rebalance.delay.ms=0"));
    Files.write(config, lines);
    List<String> storageTool = new ArrayList<>(List.of("kafka.tools.StorageTool", "format", "-t", Uuid.randomUuid().toString(), "-c", config.toString()));
    storageTool.addAll(formatOptions);
    Process format = java(dir, "format.log", storageTool.toArray(String[]::new));
    try {
      if (!format.waitFor(90, TimeUnit.SECONDS) || format.exitValue() != 0) {
        throw new IllegalStateException("formatting the test Kafka failed: " + Files.readString(dir.resolve("format.log")));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
    return dir;
  }

  /** Starts the broker of a formatted folder (again, after {@link #kill}) and returns once it accepts connections. */
  public static void launch(Path dir, int port) throws IOException {
    Process broker = java(dir, "broker.log", "kafka.Kafka", dir.resolve("server.properties").toString());
    Files.writeString(dir.resolve("broker.pid"), Long.toString(broker.pid()));
    removeAtExit(dir);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
    while (System.nanoTime() < deadline) {
      try (Socket ignored = new Socket("127.0.0.1", port)) {
        return;
      } catch (IOException notYet) {
        if (!broker.isAlive()) {
          throw new IllegalStateException("the test Kafka exited: " + Files.readString(dir.resolve("broker.log")));
        }
        sleep(200);
      }
    }
    throw new IllegalStateException("the test Kafka did not listen on " + port + " within 90 s; see " + dir.resolve("broker.log"));
  }

  /**
   * The compose image's broker, started by the image's own script ({@code scripts/docker/kafka/run.sh}, health check
   * and all) on this machine's jars, listening on 127.0.0.1:port: with {@code BROKER_ADMIN_PASSWORD} and the services'
   * passwords in {@code env}, SCRAM users, the authorizer and the committed {@code scripts/access/kafka.acls}. Returns
   * once the image's health check says healthy; {@link #kill} and {@link #remove} take the folder it returns.
   */
  public static Path launchImage(int port, Map<String, String> env) throws IOException {
    Path dir = Files.createTempDirectory("test-kafka-image");
    Path scripts = NestPeers.repoRoot().resolve("scripts");
    // the image's layout, of links to the checkout: libs/ and config/ under KAFKA_HOME, the rest in KAFKA_STATE_DIR
    Path home = dir.resolve("home");
    Files.createDirectories(home.resolve("config"));
    Files.createSymbolicLink(home.resolve("libs"), libs());
    for (String file : List.of("kafka/server.properties", "kafka/log4j2.properties", "access/kafka.acls")) {
      Path source = scripts.resolve(file);
      Files.createSymbolicLink(home.resolve("config").resolve(source.getFileName()), source);
    }
    Path state = Files.createDirectories(dir.resolve("state"));
    int controller = FreePorts.free();
    Map<String, String> environment = new HashMap<>(Map.of("KAFKA_HOME", home.toString(), "KAFKA_STATE_DIR", state.toString(),
        "KAFKA_HEAP_OPTS", "-Xms64m -Xmx384m",
        "KAFKA_CFG_LISTENERS", "PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controller,
        "KAFKA_CFG_ADVERTISED_LISTENERS", "PLAINTEXT://127.0.0.1:" + port,
        "KAFKA_CFG_CONTROLLER_QUORUM_VOTERS", "1@127.0.0.1:" + controller,
        "PATH", Optional.ofNullable(Path.of(javaCommand()).getParent()).map(bin -> bin + ":").orElse("") + System.getenv("PATH")));
    environment.putAll(env);
    ProcessBuilder builder = new ProcessBuilder("bash", scripts.resolve("docker/kafka/run.sh").toString()).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("broker.log").toFile()));
    builder.environment().putAll(environment);
    Process run = builder.start();
    Files.writeString(dir.resolve("broker.pid"), Long.toString(run.pid())); // run hands SIGTERM on to the broker
    removeAtExit(dir);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180); // format, start, then one JVM per ACL line
    while (System.nanoTime() < deadline) {
      if (!run.isAlive()) {
        throw new IllegalStateException("the image's Kafka exited: " + Files.readString(dir.resolve("broker.log")));
      }
      ProcessBuilder check = new ProcessBuilder("bash", scripts.resolve("docker/kafka/healthcheck.sh").toString())
          .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD);
      check.environment().put("KAFKA_STATE_DIR", state.toString());
      try {
        if (check.start().waitFor() == 0) {
          return dir;
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
      sleep(500);
    }
    throw new IllegalStateException("the image's Kafka was not healthy within 180 s; see " + dir.resolve("broker.log"));
  }

  /** Stops the broker (SIGTERM, then SIGKILL) and waits until it is gone; its folder stays for a restart. */
  public static void kill(Path dir) throws IOException {
    Optional<ProcessHandle> broker = ProcessHandle.of(Long.parseLong(Files.readString(dir.resolve("broker.pid")).trim()));
    if (broker.isEmpty()) {
      return;
    }
    broker.get().destroy();
    try {
      broker.get().onExit().get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      broker.get().destroyForcibly();
    }
  }

  /**
   * A Quarkus test's static fields are set in two class loaders and only one sees @AfterAll, so a broker started from
   * the other outlived the build (a Kafka JVM per run of KafkaCredentialsTests): every broker goes when the JVM exits,
   * its folder watched once however often it is launched again.
   */
  private static void removeAtExit(Path dir) {
    if (WATCHED.add(dir)) {
      Runtime.getRuntime().addShutdownHook(new Thread(() -> remove(dir), "remove " + dir.getFileName()));
    }
  }

  /** Stops the broker if it runs and deletes its folder. */
  public static void remove(Path dir) {
    try {
      if (Files.exists(dir.resolve("broker.pid"))) {
        kill(dir);
      }
      try (Stream<Path> files = Files.walk(dir)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    } catch (IOException e) {
      // a temp folder: best effort
    }
  }

  /** The Kafka jars: this checkout's, else (in a git worktree) those of the main checkout. */
  public static Path libs() {
    Path root = NestPeers.repoRoot();
    Path own = root.resolve("build/dev/kafka/libs");
    if (Files.isDirectory(own)) {
      return own;
    }
    Path git = root.resolve(".git");
    try {
      if (Files.isRegularFile(git)) {
        // a worktree's .git file reads "gitdir: <main>/.git/worktrees/<name>"
        Path gitDir = Path.of(Files.readString(git).strip().substring("gitdir:".length()).strip());
        Path main = gitDir.getParent().getParent().getParent().resolve("build/dev/kafka/libs");
        if (Files.isDirectory(main)) {
          return main;
        }
      }
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    throw new IllegalStateException("no Kafka jars in " + own + ": ./dev test (or ./dev brokers up) fetches them");
  }

  private static Process java(Path dir, String log, String... mainAndArgs) throws IOException {
    List<String> command = new ArrayList<>(List.of(javaCommand(), "-Xms64m", "-Xmx384m", "-XX:+UseSerialGC",
        "-Dlog4j2.configurationFile=" + NestPeers.repoRoot().resolve("scripts/kafka/log4j2.properties"),
        "-Dkafka.logs.dir=" + dir, "-cp", libs() + "/*"));
    command.addAll(List.of(mainAndArgs));
    return new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve(log).toFile())).start();
  }

  private static String javaCommand() {
    return ProcessHandle.current().info().command().orElse("java");
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
