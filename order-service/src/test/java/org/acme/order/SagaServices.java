package org.acme.order;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.acme.transport.testing.BrokerProcess;
import org.acme.transport.testing.ServiceProcess;

/**
 * The real inventory-service and payment-service, from their build output, with a NATS queue group, a RabbitMQ
 * queue, Redis key prefixes and a Kafka consumer group of this test run's own; order-service is pointed at them
 * and made impatient (short deadlines, fast retries, compensation after twelve seconds, finished orders kept for
 * seconds).
 */
public class SagaServices implements QuarkusTestResourceLifecycleManager {

  static ServiceProcess inventory;
  static ServiceProcess payment;
  /** payment-service's own Redis, so that a test can take it away from payment-service alone. */
  static final BrokerProcess PAYMENT_REDIS = BrokerProcess.redis();
  private final String run = UUID.randomUUID().toString().substring(0, 8);

  @Override
  public Map<String, String> start() {
    String paymentsQueue = "payments_queue.saga-" + run;
    inventory = new ServiceProcess("inventory-service", Map.of(
        "nest.server.nats.queue", "inventory-service.saga-" + run,
        "inventory.key-prefix", "inventory-saga-" + run + ":")).start();
    PAYMENT_REDIS.start();
    payment = new ServiceProcess("payment-service", Map.of(
        "nest.server.rmq.queue", paymentsQueue,
        "quarkus.redis.hosts", "redis://127.0.0.1:" + PAYMENT_REDIS.port(),
        "payment.key-prefix", "payment-saga-" + run + ":")).start();
    Map<String, String> config = new HashMap<>();
    config.put("nest.client.payments.queue", paymentsQueue);
    config.put("order.saga.key-prefix", "orders-saga-" + run);
    config.put("nest.server.kafka.group-id", "order-service.saga-" + run);
    // an outage of a few seconds is ridden out; one longer than twelve is compensated
    config.put("order.saga.retry-delay", "500ms");
    config.put("order.saga.max-retry-delay", "2s");
    config.put("order.saga.compensate-after", "12s");
    // an order nobody runs is taken up after two seconds of standing still
    config.put("order.saga.sweep-interval", "1s");
    config.put("order.saga.stale-after", "2s");
    // finished orders, their keys and their retained statuses go after seconds, so a test can watch them go
    config.put("order.retention", "8s");
    config.put("order.idempotency.retention", "8s");
    config.put("order.status-retention", "5s");
    config.put("order.calls.deadline", "3s");
    config.put("order.calls.max-retries", "1");
    config.put("nest.client.inventory.timeout", "1s");
    config.put("nest.client.payments.timeout", "2s");
    return config;
  }

  @Override
  public void stop() {
    if (payment != null) {
      payment.close();
    }
    PAYMENT_REDIS.close();
    if (inventory != null) {
      inventory.close();
    }
  }
}
