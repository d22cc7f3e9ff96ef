package org.acme.math;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.Map;
import org.acme.transport.testing.FreePorts;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * A real Nest RMQ client calls math-service. The Nest client asserts the queue with its default options before it
 * sends, on the queue math-service declared: this passing is the proof that the two declarations agree.
 */
@QuarkusTest
@QuarkusTestResource(FreePorts.class)
@QuarkusTestResource(UniqueBrokerNames.class)
class MathRmqFromNestTests extends NestClientContract {

  @ConfigProperty(name = "nest.server.rmq.queue")
  String queue;

  @Override
  protected String nestTransport() {
    return "RMQ";
  }

  @Override
  protected boolean nestSendsHeaders() {
    return true;
  }

  @Override
  protected Map<String, Object> nestOptions() {
    return Map.of("urls", java.util.List.of("amqp://guest:guest@127.0.0.1:5672"), "queue", queue);
  }
}
