package org.acme.payment;

import java.io.IOException;
import java.nio.file.Path;
import org.acme.transport.testing.KafkaTestBroker;

/**
 * A Kafka broker of one test's own ({@link KafkaTestBroker}) on a port the test chose, started when the test
 * decides, so it can show what the service does while Kafka is away and once it is back.
 */
final class PrivateKafkaBroker implements AutoCloseable {

  private final Path dir;

  private PrivateKafkaBroker(Path dir) {
    this.dir = dir;
  }

  /** Formats a fresh folder and starts a broker on 127.0.0.1:port; returns once it accepts connections. */
  static PrivateKafkaBroker start(int port) throws IOException {
    Path dir = KafkaTestBroker.format(port);
    PrivateKafkaBroker broker = new PrivateKafkaBroker(dir);
    try {
      KafkaTestBroker.launch(dir, port);
    } catch (RuntimeException | IOException e) {
      broker.close();
      throw e;
    }
    return broker;
  }

  @Override
  public void close() {
    KafkaTestBroker.remove(dir);
  }
}
