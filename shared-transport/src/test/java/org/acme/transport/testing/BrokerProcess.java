package org.acme.transport.testing;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A broker of a test's own (redis-server, nats-server, mosquitto), on a free loopback port, that the test may stop,
 * kill and start again: the shared brokers other builds use are never touched. Its output goes to
 * {@code target/own-<name>-<port>.log}.
 */
public final class BrokerProcess implements AutoCloseable {

  private final String name;
  private final int port = FreePorts.free();
  private final List<String> command;
  /** The broker's configuration file, for brokers started from one (else null), and what always begins it. */
  private final Path configFile;
  private final String configHeader;
  private final java.util.Map<String, String> environment = new java.util.HashMap<>();
  private volatile Process process;
  private boolean watched;

  private BrokerProcess(String name, List<String> command) {
    this(name, command, null, "");
  }

  private BrokerProcess(String name, List<String> command, Path configFile, String configHeader) {
    this.name = name;
    this.configFile = configFile;
    this.configHeader = configHeader;
    this.command = command.stream().map(arg -> arg.replace("{port}", String.valueOf(port))).toList();
  }

  /** A broker started from a configuration file ({@code {config}} in its command) that begins with {@code header}. */
  private static BrokerProcess configured(String name, String header, String... command) {
    try {
      Path config = Files.createDirectories(Path.of("target")).toAbsolutePath().resolve("own-" + name + "-" + System.nanoTime() + ".conf");
      return new BrokerProcess(name, List.of(command).stream().map(arg -> arg.replace("{config}", config.toString())).toList(), config, header);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A Redis that keeps nothing on disk, with more options if given ({@code "--maxmemory", "4mb"}). */
  public static BrokerProcess redis(String... options) {
    List<String> command = new ArrayList<>(List.of("redis-server", "--port", "{port}", "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"));
    command.addAll(List.of(options));
    return new BrokerProcess("redis", command);
  }

  /** A NATS server (core NATS, no JetStream), with more options if given ({@code "--user", "svc"}). */
  public static BrokerProcess nats(String... options) {
    String server = Files.isExecutable(Path.of("/usr/sbin/nats-server")) ? "/usr/sbin/nats-server" : "nats-server";
    List<String> command = new ArrayList<>(List.of(server, "-a", "127.0.0.1", "-p", "{port}"));
    command.addAll(List.of(options));
    return new BrokerProcess("nats", command);
  }

  /**
   * A NATS server from a configuration file (nats-server's syntax, {@code {port}} for its port), which a test may
   * {@link #configure rewrite} and {@link #reload}: credentials and certificates changed live.
   */
  public static BrokerProcess natsConfigured(String configuration) {
    String server = Files.isExecutable(Path.of("/usr/sbin/nats-server")) ? "/usr/sbin/nats-server" : "nats-server";
    return configured("nats", "listen: 127.0.0.1:{port}\n", server, "-c", "{config}").configure(configuration);
  }

  /**
   * A RabbitMQ node of the test's own (its name, ports, data and logs apart from the shared broker's), configured by a
   * {@code rabbitmq.conf} ({@code {port}} for its port: {@code listeners.ssl.default = 127.0.0.1:{port}}). Its node
   * name, for {@code rabbitmqctl -n}, is {@link #nodeName()}.
   */
  public static BrokerProcess rabbitmqConfigured(String configuration) {
    BrokerProcess broker = configured("rabbitmq", "", rabbitmqTool("rabbitmq-server")).configure(configuration);
    Path home = broker.configFile.getParent().resolve(broker.configFile.getFileName() + ".d");
    broker.environment.putAll(java.util.Map.of("RABBITMQ_NODENAME", "own-" + broker.port + "@localhost",
        "RABBITMQ_CONFIG_FILE", broker.configFile.toString(), "RABBITMQ_MNESIA_BASE", home.resolve("mnesia").toString(),
        "RABBITMQ_LOG_BASE", home.resolve("log").toString(), "RABBITMQ_DIST_PORT", String.valueOf(FreePorts.free()),
        "RABBITMQ_ENABLED_PLUGINS_FILE", home.resolve("enabled_plugins").toString(), "ERL_EPMD_ADDRESS", "127.0.0.1"));
    try {
      Files.createDirectories(home);
      Files.writeString(home.resolve("enabled_plugins"), "[].\n");
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    return broker;
  }

  /**
   * A RabbitMQ script, not through Debian's wrapper in /usr/sbin, which would run it as the rabbitmq user (who cannot
   * read the test's files) with that user's Erlang cookie (which rabbitmqctl run by the test would not have).
   */
  public static String rabbitmqTool(String name) {
    Path direct = Path.of("/usr/lib/rabbitmq/bin", name);
    return Files.isExecutable(direct) ? direct.toString() : name;
  }

  /** {@code rabbitmqctl} against this RabbitMQ node ({@code add_user}, {@code change_password}, ...). */
  public String rabbitmqctl(String... command) {
    List<String> args = new ArrayList<>(List.of(rabbitmqTool("rabbitmqctl"), "-n", nodeName()));
    args.addAll(List.of(command));
    return Commands.run(args);
  }

  /** A RabbitMQ node's name, for {@code rabbitmqctl -n}. */
  public String nodeName() {
    return environment.get("RABBITMQ_NODENAME");
  }

  /** A Mosquitto that lets anyone in. */
  public static BrokerProcess mosquitto() {
    return mosquittoConfigured("allow_anonymous true");
  }

  /** A Mosquitto with these configuration lines after its listener ({@code password_file ...}, {@code certfile ...}). */
  public static BrokerProcess mosquittoConfigured(String configuration) {
    // started as root, Mosquitto would drop to its own user, which cannot read the test's files (keys, passwords)
    return configured("mosquitto", "user " + System.getProperty("user.name") + "\nlistener {port} 127.0.0.1\n", "mosquitto", "-c", "{config}")
        .configure(configuration);
  }

  /** (Re)writes the configuration file after its header ({@code {port}} replaced); {@link #reload} or a restart applies it. */
  public BrokerProcess configure(String configuration) {
    try {
      Files.writeString(configFile, (configHeader + configuration).replace("{port}", String.valueOf(port)) + "\n");
      return this;
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Environment variables for the broker's process (NATS reads {@code $NAME} in its configuration from there). */
  public BrokerProcess environment(java.util.Map<String, String> variables) {
    environment.putAll(variables);
    return this;
  }

  /** SIGHUP: NATS and Mosquitto read their configuration (users, passwords, certificates) again. */
  public void reload() {
    Commands.run("kill", "-HUP", String.valueOf(process.pid()));
  }


  public int port() {
    return port;
  }

  /** Starts it (again) and returns once it accepts connections. */
  public BrokerProcess start() {
    try {
      File log = new File("target/own-" + name + "-" + port + ".log");
      ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log));
      builder.environment().putAll(environment);
      process = builder.start();
      // a @QuarkusTest's static broker is made in two class loaders and only one is stopped by its test: the JVM's
      // exit stops the other (own Redis, NATS and Mosquitto processes outlived every build before)
      if (!watched) {
        watched = true;
        Runtime.getRuntime().addShutdownHook(new Thread(this::kill, "stop own " + name));
      }
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (!FreePorts.listening(port)) {
        if (!process.isAlive() || System.nanoTime() > deadline) {
          throw new IllegalStateException(name + " did not come up on port " + port + "; see " + log.getAbsolutePath());
        }
        Thread.sleep(50);
      }
      return this;
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Stops it politely (SIGTERM). */
  public void stop() {
    end(false);
  }

  /** Stops it as a crash would (SIGKILL). */
  public void kill() {
    end(true);
  }

  private void end(boolean crash) {
    if (process == null) {
      return;
    }
    // a broker started by a script (rabbitmq-server) runs as its child: it goes too
    List<ProcessHandle> children = process.descendants().toList();
    if (crash) {
      process.destroyForcibly();
      children.forEach(ProcessHandle::destroyForcibly);
    } else {
      process.destroy();
      children.forEach(ProcessHandle::destroy);
    }
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    process = null;
  }

  @Override
  public void close() {
    stop();
  }
}
