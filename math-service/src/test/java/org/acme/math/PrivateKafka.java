package org.acme.math;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.acme.transport.testing.FreePorts;
import org.acme.transport.testing.KafkaTestBroker;

/**
 * math-service on a Kafka broker of the test's own ({@link KafkaTestBroker}), so the test can stop and restart it
 * without touching the shared broker on 9092. Folder and port travel as configuration ({@code test.kafka.*}).
 */
public class PrivateKafka implements QuarkusTestResourceLifecycleManager {

  private Path dir;

  @Override
  public Map<String, String> start() {
    try {
      int port = FreePorts.free();
      dir = KafkaTestBroker.format(port);
      KafkaTestBroker.launch(dir, port);
      return Map.of("nest.kafka.bootstrap-servers", "127.0.0.1:" + port, "test.kafka.dir", dir.toString(),
          "test.kafka.port", String.valueOf(port));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void stop() {
    if (dir != null) {
      KafkaTestBroker.remove(dir);
    }
  }
}
