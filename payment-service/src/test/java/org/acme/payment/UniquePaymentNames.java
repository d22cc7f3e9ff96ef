package org.acme.payment;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;
import org.acme.transport.testing.SharedBrokers;

/**
 * Names of this test run's own, so concurrent builds on the same brokers do not meet: the RabbitMQ queue the
 * service consumes ({@code test.rmq.queue}), the Redis key prefix of its ledger ({@code test.payment.key-prefix}) and
 * a marker every test's order ids carry ({@code test.run}), by which the Kafka events of this run are told from
 * others' on the shared {@code payment_completed}/{@code payment_failed} topics. Queues and keys go afterwards.
 */
public class UniquePaymentNames implements QuarkusTestResourceLifecycleManager {

  private final String run = "t" + SharedBrokers.runSuffix();

  private String queue() {
    return "payments_queue.test-" + run;
  }

  private String keyPrefix() {
    return "payment:test-" + run + ":";
  }

  @Override
  public Map<String, String> start() {
    return Map.of("test.rmq.queue", queue(), "test.payment.key-prefix", keyPrefix(), "test.run", run);
  }

  @Override
  public void stop() {
    SharedBrokers.deleteQueues(queue());
    SharedBrokers.deleteKeys(keyPrefix());
  }
}
