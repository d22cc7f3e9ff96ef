package org.acme.math;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import org.acme.transport.testing.BrokerProcess;
import org.acme.transport.testing.FreePorts;
import org.acme.transport.testing.NestPeers;
import org.acme.transport.testing.NestPeers.Version;
import org.acme.transport.testing.ServiceProcess;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The NestJS reference math server ({@code nest-math-server.mjs}) against our math-service, per transport, driven by
 * the same NestJS {@code ClientProxy} ({@code nest-bench-client.mjs}: closed loop, {@code bench.concurrency} in
 * flight, a warm-up, then a fixed measuring time). The two servers run one after the other on the same broker, each
 * alone: ours as the built jar in its own JVM with only the measured transport's link, as Nest has only that one.
 * Redis, NATS and Mosquitto are brokers of this run's own, so another build's math-service on the shared brokers
 * cannot answer (and add its load); RabbitMQ and Kafka are the shared ones, with a queue and groups of this run.
 *
 * <p>A benchmark, not a test: it prints a table (and writes it to {@code build/bench/<date>.txt}) and asserts nothing
 * about speed. Run it with {@code ./dev bench}; the default build skips the "benchmark" tag.
 */
@Tag("benchmark")
class MathVsNestBenchmark {

  static final int CONCURRENCY = Integer.getInteger("bench.concurrency", 64);
  static final Duration WARMUP = Duration.ofSeconds(Long.getLong("bench.nest.warmup", 5));
  static final Duration MEASURE = Duration.ofSeconds(Long.getLong("bench.nest.seconds", 10));
  static final List<String> TRANSPORTS = List.of(System.getProperty("bench.transports", "tcp,redis,nats,mqtt,rmq,kafka").split(","));
  private static final String RUN = UUID.randomUUID().toString().substring(0, 8);
  private static final String KAFKA = "127.0.0.1:9092";

  /** What the client measured, and the server's CPU milliseconds per 1000 requests (NaN when not measured). */
  record Load(double perSecond, double p50, double p99, long failed, double cpuPer1k) {
    static Load of(JsonNode out, double cpuPer1k) {
      return new Load(out.path("perSecond").asDouble(), out.path("p50").asDouble(Double.NaN), out.path("p99").asDouble(Double.NaN),
          out.path("errors").asLong() + out.path("timeouts").asLong(), cpuPer1k);
    }
  }

  /** Where one transport's peers meet: the Nest options of both sides, and what our service is told. */
  record Setup(Map<String, Object> nestServer, Map<String, Object> nestClient, Map<String, String> ours, Object pattern) {
  }

  @Test
  void oursAgainstNest() throws IOException {
    StringBuilder table = new StringBuilder(String.format("%n{cmd:'sum'} [1,2,3], NestJS 11 ClientProxy, %d in flight, %d s after %d s warm-up, %s%n",
        CONCURRENCY, MEASURE.toSeconds(), WARMUP.toSeconds(), LocalDateTime.now().withNano(0)));
    table.append(String.format("%-9s %11s %11s %6s %9s %9s %9s %9s %9s %9s %6s %7s%n",
        "transport", "Nest req/s", "ours req/s", "ratio", "Nest p50", "ours p50", "Nest p99", "ours p99", "Nest cpu", "ours cpu", "cpu x", "failed"));
    perTransport(table, "", "ratio = ours/Nest requests per second; latencies in ms; cpu = the server process's CPU ms per 1000 requests while"
        + " measured (client and broker not counted), cpu x = Nest's/ours (above 1: ours does the work on less CPU); failed = errors and"
        + " timeouts, Nest/ours\n", (transport, setup) -> {
      Load nest = measure("Nest " + transport, () -> {
        try (NestPeers.Server server = NestPeers.server(Version.V11, transport.toUpperCase(), setup.nestServer())) {
          return drive(transport, setup, server.handle());
        }
      });
      Load ours = measure("ours " + transport, () -> {
        try (ServiceProcess service = new ServiceProcess("math-service", setup.ours()).start()) {
          return drive(transport, setup, service.handle());
        }
      });
      return String.format("%-9s %11.0f %11.0f %6.2f %9.2f %9.2f %9.2f %9.2f %9.1f %9.1f %6.2f %7s%n", transport, nest.perSecond(), ours.perSecond(),
          ours.perSecond() / nest.perSecond(), nest.p50(), ours.p50(), nest.p99(), ours.p99(), nest.cpuPer1k(), ours.cpuPer1k(),
          nest.cpuPer1k() / ours.cpuPer1k(), nest.failed() + "/" + ours.failed());
    });
  }

  /** One row of a table, measured on one transport's setup. */
  interface Row {
    String measure(String transport, Setup setup);
  }

  /**
   * A row per transport, each on its own brokers (stopped after it), the table printed as it grows, then written to
   * {@code build/bench/<prefix><date>.txt} with the footer.
   */
  static void perTransport(StringBuilder table, String prefix, String footer, Row row) throws IOException {
    for (String transport : TRANSPORTS) {
      List<BrokerProcess> own = new ArrayList<>();
      try {
        table.append(row.measure(transport, setup(transport, own)));
      } finally {
        own.forEach(BrokerProcess::stop);
      }
      System.out.println(table);
    }
    table.append(footer);
    System.out.println(table);
    Path file = NestPeers.repoRoot().resolve("build/bench/" + prefix + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyy-MM-dd-HHmmss")) + ".txt");
    Files.createDirectories(file.getParent());
    Files.writeString(file, table);
    System.out.println("written to " + file);
  }

  /** A side that cannot start or be driven gets an empty row rather than stopping the others. */
  static Load measure(String what, Supplier<Load> run) {
    try {
      return run.get();
    } catch (RuntimeException | AssertionError e) {
      System.out.println(what + " failed: " + e.getMessage());
      return new Load(Double.NaN, Double.NaN, Double.NaN, -1, Double.NaN);
    }
  }

  static Load drive(String transport, Setup setup) {
    return drive(transport, setup, null);
  }

  /**
   * Drives the server with the Nest client and, when its process is given, reads that process's CPU time as the
   * measuring starts and once the client is done: CPU per request is the steadier figure on a machine shared with
   * other work, where requests per second move with whatever else runs. The window starts when the client's warm-up
   * time has passed since the client was started, a little before its own measuring does (it connects first), so the
   * figure is slightly high, the same way for both servers.
   */
  static Load drive(String transport, Setup setup, ProcessHandle server) {
    CompletableFuture<Duration> atStart = server == null ? null : CompletableFuture.supplyAsync(() -> {
      try {
        Thread.sleep(WARMUP.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return cpu(server);
    });
    Map<String, Object> config = Map.of("transport", transport.toUpperCase(), "options", setup.nestClient(), "pattern", setup.pattern(),
        "data", List.of(1, 2, 3), "concurrency", CONCURRENCY, "warmupMs", WARMUP.toMillis(), "measureMs", MEASURE.toMillis(), "timeoutMs", 5000);
    try {
      String out = NestPeers.run(Version.V11, WARMUP.plus(MEASURE).plusSeconds(60), "nest-bench-client.mjs", NestPeers.json().writeValueAsString(config));
      String last = out.lines().filter(line -> line.startsWith("{\"requests\"")).reduce((first, second) -> second).orElseThrow();
      JsonNode result = NestPeers.json().readTree(last);
      double cpuPer1k = atStart == null ? Double.NaN
          : cpu(server).minus(atStart.join()).toNanos() / 1e6 / Math.max(1, result.path("requests").asLong()) * 1000;
      return Load.of(result, cpuPer1k);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Duration cpu(ProcessHandle process) {
    return process.info().totalCpuDuration().orElseThrow(() -> new IllegalStateException("no CPU time for process " + process.pid()));
  }

  static Setup setup(String transport, List<BrokerProcess> own) {
    Map<String, String> ours = new HashMap<>();
    for (String server : List.of("tcp", "redis", "nats", "mqtt", "rmq", "kafka")) {
      ours.put("nest.server." + server + ".enabled", String.valueOf(server.equals(transport)));
    }
    String link = transport.equals("rmq") ? "rabbitmq" : transport;
    for (String broker : List.of("redis", "nats", "mqtt", "rabbitmq", "kafka")) {
      ours.put("nest." + broker + ".enabled", String.valueOf(broker.equals(link)));
    }
    Map<String, Object> sum = Map.of("cmd", "sum");
    return switch (transport) {
      case "tcp" -> {
        int port = FreePorts.free();
        ours.put("nest.server.tcp.port", String.valueOf(port));
        Map<String, Object> options = Map.of("host", "127.0.0.1", "port", port);
        yield new Setup(options, options, ours, sum);
      }
      case "redis" -> {
        BrokerProcess redis = started(BrokerProcess.redis(), own);
        ours.put("quarkus.redis.hosts", "redis://127.0.0.1:" + redis.port());
        Map<String, Object> options = Map.of("host", "127.0.0.1", "port", redis.port());
        yield new Setup(options, options, ours, sum);
      }
      case "nats" -> {
        BrokerProcess nats = started(BrokerProcess.nats(), own);
        ours.put("nest.nats.url", "nats://127.0.0.1:" + nats.port());
        Map<String, Object> options = Map.of("servers", List.of("nats://127.0.0.1:" + nats.port()));
        yield new Setup(options, options, ours, sum);
      }
      case "mqtt" -> {
        BrokerProcess mosquitto = started(BrokerProcess.mosquitto(), own);
        ours.put("nest.mqtt.port", String.valueOf(mosquitto.port()));
        Map<String, Object> options = Map.of("url", "mqtt://127.0.0.1:" + mosquitto.port());
        yield new Setup(options, options, ours, sum);
      }
      case "rmq" -> {
        String queue = "math_bench_" + RUN;
        ours.put("nest.server.rmq.queue", queue);
        Map<String, Object> options = Map.of("urls", List.of("amqp://guest:guest@127.0.0.1:5672"), "queue", queue);
        yield new Setup(options, options, ours, sum);
      }
      case "kafka" -> {
        ours.put("nest.kafka.bootstrap-servers", KAFKA);
        ours.put("nest.server.kafka.group-id", "math-bench-" + RUN);
        yield new Setup(kafka("math-bench-nest-" + RUN), kafka("math-bench-client-" + RUN), ours, "sum");
      }
      default -> throw new IllegalArgumentException("no transport " + transport);
    };
  }

  private static Map<String, Object> kafka(String id) {
    return Map.of("client", Map.of("brokers", List.of(KAFKA), "clientId", id, "logLevel", 1), "consumer", Map.of("groupId", id));
  }

  private static BrokerProcess started(BrokerProcess broker, List<BrokerProcess> own) {
    own.add(broker);
    return broker.start();
  }
}
