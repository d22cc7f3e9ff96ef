package org.acme.math;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.HashMap;
import java.util.Map;
import org.acme.transport.testing.FreePorts;

/**
 * For tests where the Java clients call a real Nest math microservice instead: every Java server is off (so only
 * Nest can answer), the TCP client points at the Nest server's port, and RabbitMQ uses a queue of its own.
 */
public class NestServerProfile implements QuarkusTestProfile {

  static final int NEST_TCP_PORT = FreePorts.free();
  static final String NEST_RMQ_QUEUE = "math_queue_nest_peer";

  @Override
  public Map<String, String> getConfigOverrides() {
    Map<String, String> config = new HashMap<>();
    for (String transport : new String[] {"tcp", "redis", "nats", "mqtt", "rmq", "kafka"}) {
      config.put("nest.server." + transport + ".enabled", "false");
      // a node process on a shared 2-core machine answers 500 concurrent requests in about a second, but not always
      // within the 2 s the Java-server tests allow; these tests are about correlation, not speed
      config.put("nest.client.math-" + transport + ".timeout", "6s");
    }
    config.put("nest.client.math-tcp.port", String.valueOf(NEST_TCP_PORT));
    config.put("nest.client.math-rmq.queue", NEST_RMQ_QUEUE);
    return config;
  }
}
