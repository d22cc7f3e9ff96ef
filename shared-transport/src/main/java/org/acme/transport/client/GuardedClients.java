package org.acme.transport.client;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import jakarta.inject.Singleton;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.acme.transport.metrics.AppGauges;

/**
 * Where every {@link GuardedClient} is made, once per route: its circuit must be one per route however many beans call
 * it, and its state is exported here as the gauge {@code nest.client.circuit.state{route, transport}} (0 closed,
 * 1 half-open, 2 open), owned by this application ({@link AppGauges}).
 */
@Singleton
public class GuardedClients {

  private final Map<String, GuardedClient> routes = new ConcurrentHashMap<>();
  private final NestClients clients;
  private final MeterRegistry meters;
  private final AppGauges gauges;

  GuardedClients(NestClients clients, MeterRegistry meters, AppGauges gauges) {
    this.clients = clients;
    this.meters = meters;
    this.gauges = gauges;
  }

  /**
   * The guarded client for a route, made on first use.
   *
   * @param client the {@code nest.client.<name>} it calls through
   * @param route names the route, its circuit, its logs and its gauge, e.g. "math {"cmd":"sum"} over tcp"
   * @param policy deadline, retries, circuit and bulkhead (taken on first use)
   * @param metric the calls' timer, e.g. {@code gateway.calls}
   */
  public GuardedClient get(String client, String route, CallPolicy policy, String metric) {
    return routes.computeIfAbsent(route, name -> {
      GuardedClient guarded = new GuardedClient(clients.get(client), name, policy, meters, metric);
      gauges.register("nest.client.circuit.state", "0 closed, 1 half-open, 2 open",
          Tags.of("route", name, "transport", guarded.transport()), guarded, GuardedClient::circuitLevel);
      return guarded;
    });
  }
}
