package org.acme.math;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;
import java.util.UUID;

/**
 * A NATS queue group, an MQTT share group and a RabbitMQ queue for this test run alone ({@code test.nats.queue},
 * {@code test.mqtt.group}, {@code test.rmq.queue}), so concurrent builds against the same brokers do not share work. The queues are deleted afterwards.
 */
public class UniqueBrokerNames implements QuarkusTestResourceLifecycleManager {

  private final String suffix = UUID.randomUUID().toString().substring(0, 8);

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
    ConnectionFactory factory = new ConnectionFactory();
    factory.setHost("127.0.0.1");
    try (Connection connection = factory.newConnection(); Channel channel = connection.createChannel()) {
      channel.queueDelete(rmqQueue());
      channel.queueDelete(rmqQueue() + ".dlq");
    } catch (Exception e) {
      System.err.println("could not delete the test queues " + rmqQueue() + ": " + e);
    }
  }
}
