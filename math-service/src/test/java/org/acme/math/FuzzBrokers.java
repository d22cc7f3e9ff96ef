package org.acme.math;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.acme.transport.testing.BrokerProcess;
import org.acme.transport.testing.FreePorts;
import org.acme.transport.testing.KafkaTestBroker;

/**
 * A redis-server, a nats-server, a mosquitto and a one-node Kafka of the fuzz's own. On the shared brokers every
 * math-service of every build hears a route's channel: another build's service would answer the fuzz's frames (its
 * 500s would look like ours), and ten thousand hostile frames would land in the middle of that build's own tests.
 * RabbitMQ needs none: the queue is the run's own already ({@link UniqueBrokerNames}).
 */
public class FuzzBrokers implements QuarkusTestResourceLifecycleManager {

  private final BrokerProcess redis = BrokerProcess.redis();
  private final BrokerProcess nats = BrokerProcess.nats();
  private final BrokerProcess mosquitto = BrokerProcess.mosquitto();
  private Path kafka;

  @Override
  public Map<String, String> start() {
    redis.start();
    nats.start();
    mosquitto.start();
    int kafkaPort = FreePorts.free();
    try {
      kafka = KafkaTestBroker.format(kafkaPort);
      KafkaTestBroker.launch(kafka, kafkaPort);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    return Map.of("quarkus.redis.hosts", "redis://127.0.0.1:" + redis.port(), "nest.nats.url", "nats://127.0.0.1:" + nats.port(),
        "nest.mqtt.port", String.valueOf(mosquitto.port()), "nest.kafka.bootstrap-servers", "127.0.0.1:" + kafkaPort);
  }

  @Override
  public void stop() {
    redis.stop();
    nats.stop();
    mosquitto.stop();
    if (kafka != null) {
      KafkaTestBroker.remove(kafka);
    }
  }
}
