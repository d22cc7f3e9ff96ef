package org.acme.gateway.orders;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.acme.transport.testing.OtlpReceiver;
import org.acme.transport.testing.ServiceProcess;

/**
 * The real inventory-, payment- and order-service from their build output, with a queue group, a queue, Redis
 * prefixes and a Kafka consumer group of this test run's own, so the saga runs exactly as deployed. Init args:
 * {@value #INSTANCES} order-service instances in one group (default 1); {@value #TRACED} {@code true}: traced as an
 * operator would see it, every service and the gateway exporting its spans to {@link #spans} and the services writing
 * JSON logs, on a NATS and a Kafka of the run's own ({@link OwnBrokers}) so no other build's services join the trace;
 * every other arg is a property of each order-service.
 */
public class SagaServicesResource implements QuarkusTestResourceLifecycleManager {

  static final String INSTANCES = "order-instances";
  static final String TRACED = "traced";

  /** The collector the services export to, when {@value #TRACED}. */
  static OtlpReceiver spans;
  private static OwnBrokers brokers;

  static ServiceProcess inventory;
  static ServiceProcess payment;
  /** The first order-service instance; {@link #orders} has them all. */
  static ServiceProcess order;
  static List<ServiceProcess> orders = List.of();

  private final Map<String, String> orderProperties = new HashMap<>();
  private int instances = 1;
  private boolean traced;

  @Override
  public void init(Map<String, String> initArgs) {
    initArgs.forEach((key, value) -> {
      if (INSTANCES.equals(key)) {
        instances = Integer.parseInt(value);
      } else if (TRACED.equals(key)) {
        traced = Boolean.parseBoolean(value);
      } else {
        orderProperties.put(key, value);
      }
    });
  }

  @Override
  public Map<String, String> start() {
    String run = UUID.randomUUID().toString().substring(0, 8);
    String paymentsQueue = "payments_queue.gateway-" + run;
    Map<String, String> common = traced ? traced() : Map.of();
    inventory = new ServiceProcess("inventory-service", with(common, Map.of(
        "nest.server.nats.queue", "inventory-service.gateway-" + run,
        "inventory.key-prefix", "inventory-gateway-" + run + ":"))).start();
    payment = new ServiceProcess("payment-service", with(common, Map.of(
        "nest.server.rmq.queue", paymentsQueue,
        "payment.key-prefix", "payment-gateway-" + run + ":"))).start();
    Map<String, String> properties = new HashMap<>(common);
    properties.putAll(Map.of(
        "nest.client.payments.queue", paymentsQueue,
        "order.saga.key-prefix", "orders-gateway-" + run,
        "nest.server.kafka.group-id", "order-service.gateway-" + run,
        // a step that fails for a moment (a slow first publish, say) is tried again soon
        "order.saga.retry-delay", "500ms",
        "order.saga.max-retry-delay", "2s"));
    properties.putAll(orderProperties);
    List<ServiceProcess> started = new ArrayList<>();
    for (int i = 0; i < instances; i++) {
      started.add(new ServiceProcess("order-service", properties).start());
    }
    orders = List.copyOf(started);
    order = orders.get(0);
    // the gateway reads payments from this run's queue too
    Map<String, String> gateway = new HashMap<>(Map.of("nest.client.payments.queue", paymentsQueue));
    if (traced) {
      gateway.putAll(brokers.properties());
      gateway.putAll(spans.exportingHere());
    }
    return gateway;
  }

  /** The run's own brokers and collector, started; what points the services at them and turns their JSON logs on. */
  private static Map<String, String> traced() {
    brokers = OwnBrokers.start();
    spans = OtlpReceiver.start();
    Map<String, String> properties = new HashMap<>(brokers.properties());
    properties.putAll(spans.exportingHere());
    properties.put("quarkus.log.console.json.enabled", "true");
    return properties;
  }

  private static Map<String, String> with(Map<String, String> common, Map<String, String> own) {
    Map<String, String> all = new HashMap<>(common);
    all.putAll(own);
    return all;
  }

  /** What each of the services logged about {@code orderId}, with their warnings and errors. */
  static String logsFor(String orderId) {
    return orders.stream().map(o -> o.logFor(orderId)).collect(Collectors.joining("\n"))
        + "\n" + payment.logFor(orderId) + "\n" + inventory.logFor(orderId);
  }

  @Override
  public void stop() {
    List<ServiceProcess> all = new ArrayList<>(orders);
    all.add(payment);
    all.add(inventory);
    for (ServiceProcess service : all) {
      if (service != null) {
        service.close();
      }
    }
    for (AutoCloseable own : new AutoCloseable[] {spans, brokers}) {
      try {
        if (own != null) {
          own.close();
        }
      } catch (Exception e) {
        System.err.println("could not stop " + own + ": " + e);
      }
    }
    spans = null;
    brokers = null;
  }
}
