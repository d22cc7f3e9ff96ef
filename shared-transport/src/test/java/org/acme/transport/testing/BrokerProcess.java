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
  private Process process;

  private BrokerProcess(String name, List<String> command) {
    this.name = name;
    this.command = command.stream().map(arg -> arg.replace("{port}", String.valueOf(port))).toList();
  }

  /** A Redis that keeps nothing on disk, with more options if given ({@code "--maxmemory", "4mb"}). */
  public static BrokerProcess redis(String... options) {
    List<String> command = new ArrayList<>(List.of("redis-server", "--port", "{port}", "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"));
    command.addAll(List.of(options));
    return new BrokerProcess("redis", command);
  }

  /** A NATS server (core NATS, no JetStream). */
  public static BrokerProcess nats() {
    String server = Files.isExecutable(Path.of("/usr/sbin/nats-server")) ? "/usr/sbin/nats-server" : "nats-server";
    return new BrokerProcess("nats", List.of(server, "-a", "127.0.0.1", "-p", "{port}"));
  }

  /** A Mosquitto that lets anyone in. */
  public static BrokerProcess mosquitto() {
    try {
      Path config = Files.createDirectories(Path.of("target")).resolve("own-mosquitto-" + System.nanoTime() + ".conf");
      BrokerProcess broker = new BrokerProcess("mosquitto", List.of("mosquitto", "-c", config.toAbsolutePath().toString()));
      Files.writeString(config, "listener " + broker.port + " 127.0.0.1\nallow_anonymous true\n");
      return broker;
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  public int port() {
    return port;
  }

  /** Starts it (again) and returns once it accepts connections. */
  public BrokerProcess start() {
    try {
      File log = new File("target/own-" + name + "-" + port + ".log");
      process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log)).start();
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
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
    if (crash) {
      process.destroyForcibly();
    } else {
      process.destroy();
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
