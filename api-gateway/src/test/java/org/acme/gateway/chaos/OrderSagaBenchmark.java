package org.acme.gateway.chaos;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.acme.contracts.order.StatusChange;
import org.acme.gateway.chaos.OrderLoad.Placement;
import org.acme.transport.mqtt.MqttLink;
import org.acme.transport.testing.NestPeers;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.acme.transport.testing.Latencies;

/**
 * The order saga under an open-model load: {@code POST /api/orders} through the gateway at a fixed arrival rate
 * (callers do not wait for each other, as a shop's clients do not), for each rate of {@code bench.saga.rates}
 * (default 100,300,600 per second) for {@code bench.saga.seconds} (20) each, after a cold phase at the first rate for
 * {@code bench.saga.cold} seconds (60: the first minute after start). The whole system runs on this machine (the
 * gateway in this JVM with the load, inventory-, payment- and order-service as processes, every broker). Per phase:
 * placement (POST to 202) and saga (POST to the final status order-service announces on MQTT) p50/p99, the orders
 * that reached a final state per second, and the CPU each service used (cores).
 * <p>A benchmark, not a test: it prints a table (and writes it to {@code build/bench/saga-<date>.txt}) and asserts
 * nothing about speed. Run it with {@code ./dev bench saga}; the default build skips the "benchmark" tag.
 */
@QuarkusTest
@Tag("benchmark")
@QuarkusTestResource(value = ChaosSystem.class, restrictToAnnotatedClass = true)
class OrderSagaBenchmark {

  private static final List<Integer> RATES = Arrays.stream(System.getProperty("bench.saga.rates", "100,300,600").split(","))
      .map(String::trim).map(Integer::valueOf).toList();
  private static final Duration PHASE = Duration.ofSeconds(Long.getLong("bench.saga.seconds", 20));
  private static final Duration COLD = Duration.ofSeconds(Long.getLong("bench.saga.cold", 60));
  /** How long after the last POST a phase waits for its orders to become final. */
  private static final Duration SETTLE = Duration.ofSeconds(60);
  private static final Set<String> FINAL = Set.of("CONFIRMED", "CANCELLED", "REJECTED");

  @TestHTTPResource("/")
  URI gateway;

  private final MqttLink mqtt;
  private final ObjectMapper json;
  /** When each order's final status was heard (System.nanoTime), by order id. */
  private final Map<String, Long> finals = new ConcurrentHashMap<>();

  OrderSagaBenchmark(MqttLink mqtt, ObjectMapper json) {
    this.mqtt = mqtt;
    this.json = json;
  }

  record Row(String phase, int rate, int accepted, String failed, double placeP50, double placeP99, double sagaP50, double sagaP99,
      double completedPerSecond, Map<String, Double> cores) {
  }

  @Test
  void sagaAtFixedArrivalRates() throws IOException {
    mqtt.subscribe("orders/+/status", 1, message -> {
      long now = System.nanoTime();
      try {
        StatusChange change = json.readValue(message.payload().toString(StandardCharsets.UTF_8), StatusChange.class);
        if (FINAL.contains(change.status())) {
          finals.putIfAbsent(change.orderId(), now);
        }
      } catch (IOException e) {
        // an empty payload clears a retained status: nothing to time
      }
    }).await().atMost(Duration.ofSeconds(10));
    List<Row> rows = new ArrayList<>();
    rows.add(phase("cold: first " + COLD.toSeconds() + " s", RATES.get(0), COLD));
    for (int rate : RATES) {
      rows.add(phase("warm: " + PHASE.toSeconds() + " s", rate, PHASE));
    }
    String table = table(rows);
    System.out.println(table);
    Path file = NestPeers.repoRoot().resolve("build/bench/saga-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyy-MM-dd-HHmmss")) + ".txt");
    Files.createDirectories(file.getParent());
    Files.writeString(file, table);
    System.out.println("written to " + file);
  }

  private Row phase(String name, int rate, Duration duration) {
    Map<String, Duration> cpuBefore = cpu();
    long start = System.nanoTime();
    try (OrderLoad load = new OrderLoad(gateway, Duration.ofSeconds(30), 500)) {
      load.run(rate, duration);
      // callers without an order, by their last answer (0: none within the timeout)
      Map<Integer, Long> refused = load.callers(SETTLE).stream().filter(caller -> !caller.accepted())
          .collect(Collectors.groupingBy(caller -> caller.answers().isEmpty() ? 0 : caller.answers().getLast(),
              TreeMap::new, Collectors.counting()));
      List<Placement> placed = load.placements();
      long deadline = System.nanoTime() + SETTLE.toNanos();
      while (placed.stream().anyMatch(p -> !finals.containsKey(p.orderId())) && System.nanoTime() < deadline) {
        sleep(Duration.ofMillis(200));
      }
      long end = System.nanoTime();
      Map<String, Duration> cpuAfter = cpu();
      Map<String, Double> cores = new LinkedHashMap<>();
      cpuAfter.forEach((service, used) -> cores.put(service, (used.toNanos() - cpuBefore.get(service).toNanos()) / (double) (end - start)));
      long[] placement = placed.stream().mapToLong(Placement::nanos).sorted().toArray();
      long[] saga = placed.stream().filter(p -> finals.containsKey(p.orderId()))
          .mapToLong(p -> finals.get(p.orderId()) - p.sentNanos()).sorted().toArray();
      long lastFinal = placed.stream().map(p -> finals.get(p.orderId())).filter(Objects::nonNull).mapToLong(Long::longValue).max().orElse(end);
      String failed = refused.isEmpty() ? "0" : refused.entrySet().stream().map(e -> e.getValue() + "x" + e.getKey())
          .collect(Collectors.joining(","));
      return new Row(name, rate, placed.size(), failed, Latencies.millis(placement, 0.50), Latencies.millis(placement, 0.99),
          Latencies.millis(saga, 0.50), Latencies.millis(saga, 0.99), saga.length / ((lastFinal - start) / 1e9), cores);
    }
  }

  /** CPU time used so far by each service: the gateway shares this JVM with the load generator. */
  private static Map<String, Duration> cpu() {
    Map<String, Duration> used = new LinkedHashMap<>();
    used.put("gateway+load", cpuOf(ProcessHandle.current()));
    used.put("order", cpuOf(ChaosSystem.order.handle()));
    used.put("payment", cpuOf(ChaosSystem.payment.handle()));
    used.put("inventory", cpuOf(ChaosSystem.inventory.handle()));
    return used;
  }

  private static Duration cpuOf(ProcessHandle process) {
    return process.info().totalCpuDuration().orElse(Duration.ZERO);
  }

  private static String table(List<Row> rows) {
    StringBuilder out = new StringBuilder(String.format(
        "%nOrder saga, open model (%s, %d cores): POST /api/orders at a fixed rate; placement = POST to 202, saga = POST to"
            + " the final status; completed = orders final per second; failed = callers without an order, by answer (count x status, 0: none); CPU in cores used%n",
        LocalDateTime.now().format(DateTimeFormatter.ISO_LOCAL_DATE_TIME), Runtime.getRuntime().availableProcessors()));
    out.append(String.format("%-18s %6s %8s %-14s %10s %10s %9s %9s %10s  %s%n", "phase", "rate/s", "accepted", "failed",
        "place p50", "place p99", "saga p50", "saga p99", "completed", "CPU (cores)"));
    for (Row r : rows) {
      StringBuilder cpu = new StringBuilder();
      r.cores().forEach((service, cores) -> cpu.append(String.format("%s %.2f  ", service, cores)));
      out.append(String.format("%-18s %6d %8d %-14s %8.0fms %8.0fms %7.0fms %7.0fms %8.1f/s  %s%n", r.phase(), r.rate(), r.accepted(),
          r.failed(), r.placeP50(), r.placeP99(), r.sagaP50(), r.sagaP99(), r.completedPerSecond(), cpu.toString().trim()));
    }
    return out.append("Figures compare within one run only: the machine is shared and noisy.").toString();
  }

  private static void sleep(Duration duration) {
    try {
      Thread.sleep(duration);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
