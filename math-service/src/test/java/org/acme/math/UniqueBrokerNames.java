package org.acme.math;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;
import org.acme.transport.testing.SharedBrokers;

/**
 * A NATS queue group, an MQTT share group and a RabbitMQ queue for this test run alone ({@code test.nats.queue},
 * {@code test.mqtt.group}, {@code test.rmq.queue}), so concurrent builds against the same brokers do not share work. The queues are deleted afterwards.
 */
public class UniqueBrokerNames implements QuarkusTestResourceLifecycleManager {

  private final String suffix = SharedBrokers.runSuffix();

  @Override
  public Map<String, String> start() {
    return Map.of("test.nats.queue", "math-service.test-" + suffix, "test.mqtt.group", "math-service.test-" + suffix,
        "test.rmq.queue", rmqQueue());
  }

  String rmqQueue() {
    return "math_queue.test-" + suffix;
  }

  @Override
  public void stop() {
    SharedBrokers.deleteQueues(rmqQueue());
  }
}
