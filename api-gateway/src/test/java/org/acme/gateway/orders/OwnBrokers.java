package org.acme.gateway.orders;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.acme.transport.testing.BrokerProcess;
import org.acme.transport.testing.FreePorts;
import org.acme.transport.testing.KafkaTestBroker;

/**
 * A NATS and a Kafka of one test run's own, for a test that must see only its own services' messages: on the
 * machine's brokers another build's order-service (another consumer group) or inventory (another queue group) would
 * answer this run's requests too, and its spans would be missing from this run's trace.
 */
final class OwnBrokers implements AutoCloseable {

  private final BrokerProcess nats;
  private final Path kafka;
  private final int kafkaPort;

  private OwnBrokers(BrokerProcess nats, Path kafka, int kafkaPort) {
    this.nats = nats;
    this.kafka = kafka;
    this.kafkaPort = kafkaPort;
  }

  static OwnBrokers start() {
    BrokerProcess nats = BrokerProcess.nats().start();
    int port = FreePorts.free();
    try {
      Path kafka = KafkaTestBroker.format(port);
      KafkaTestBroker.launch(kafka, port);
      return new OwnBrokers(nats, kafka, port);
    } catch (IOException | RuntimeException e) {
      nats.close();
      throw new IllegalStateException("the run's own Kafka did not start", e);
    }
  }

  /** What points a service (and the gateway) at them. */
  Map<String, String> properties() {
    return Map.of("nest.nats.url", "nats://127.0.0.1:" + nats.port(),
        "nest.kafka.bootstrap-servers", "127.0.0.1:" + kafkaPort,
        // a request sent before order-service's group has its partitions is read, not skipped
        "nest.server.kafka.offset-reset", "earliest");
  }

  @Override
  public void close() {
    KafkaTestBroker.remove(kafka);
    nats.close();
  }
}
