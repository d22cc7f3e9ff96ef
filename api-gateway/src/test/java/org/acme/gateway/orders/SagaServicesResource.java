package org.acme.gateway.orders;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;
import java.util.UUID;
import org.acme.transport.testing.ServiceProcess;

/**
 * The real inventory-, payment- and order-service from their build output, with a queue group, a queue, Redis
 * prefixes and a Kafka consumer group of this test run's own, so the saga runs exactly as deployed.
 */
public class SagaServicesResource implements QuarkusTestResourceLifecycleManager {

  static ServiceProcess inventory;
  static ServiceProcess payment;
  static ServiceProcess order;

  @Override
  public Map<String, String> start() {
    String run = UUID.randomUUID().toString().substring(0, 8);
    String paymentsQueue = "payments_queue.gateway-" + run;
    inventory = new ServiceProcess("inventory-service", Map.of(
        "nest.server.nats.queue", "inventory-service.gateway-" + run,
        "inventory.key-prefix", "inventory-gateway-" + run + ":")).start();
    payment = new ServiceProcess("payment-service", Map.of(
        "nest.server.rmq.queue", paymentsQueue,
        "payment.key-prefix", "payment-gateway-" + run + ":")).start();
    order = new ServiceProcess("order-service", Map.of(
        "nest.client.payments.queue", paymentsQueue,
        "order.saga.key-prefix", "orders-gateway-" + run,
        "nest.server.kafka.group-id", "order-service.gateway-" + run,
        // a step that fails for a moment (a slow first publish, say) is tried again soon
        "order.saga.retry-delay", "500ms",
        "order.saga.max-retry-delay", "2s")).start();
    // the gateway reads payments from this run's queue too
    return Map.of("nest.client.payments.queue", paymentsQueue);
  }

  /** What each of the three services logged about {@code orderId}, with their warnings and errors. */
  static String logsFor(String orderId) {
    return String.join("\n", order.logFor(orderId), payment.logFor(orderId), inventory.logFor(orderId));
  }

  @Override
  public void stop() {
    for (ServiceProcess service : new ServiceProcess[] {order, payment, inventory}) {
      if (service != null) {
        service.close();
      }
    }
  }
}
