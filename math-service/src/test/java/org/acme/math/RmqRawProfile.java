package org.acme.math;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.acme.transport.testing.SharedBrokers;

/**
 * math-service's RabbitMQ server reading plain JSON bodies ({@code format=raw}) on its own queue and topic exchange
 * ({@code wildcards}), the other servers off. Names carry the JVM's pid, as in {@link RmqTopologyProfile}.
 */
public class RmqRawProfile implements QuarkusTestProfile {

  static final String QUEUE = "math_raw." + RmqTopologyProfile.SUFFIX;
  static final long MAX_LENGTH = 100_000;
  static final String ALTERNATE = "math_raw_unrouted." + RmqTopologyProfile.SUFFIX;

  @Override
  public Map<String, String> getConfigOverrides() {
    Map<String, String> config = new HashMap<>();
    for (String transport : new String[] {"tcp", "redis", "nats", "mqtt", "kafka"}) {
      config.put("nest.server." + transport + ".enabled", "false");
    }
    config.put(RmqTopologyProfile.PROBE_SWITCH, "true");
    config.put("nest.server.rmq.queue", QUEUE);
    config.put("nest.server.rmq.wildcards", "true");
    config.put("nest.server.rmq.format", "raw");
    // a client that writes the same: the bare data to the exchange, the pattern as routing key
    config.put("nest.client.rmq-raw.transport", "rmq");
    config.put("nest.client.rmq-raw.queue", QUEUE);
    config.put("nest.client.rmq-raw.wildcards", "true");
    config.put("nest.client.rmq-raw.format", "raw");
    // Nest's queueOptions.arguments and exchangeArguments, typed; the client declares the exchange as the server does
    config.put("nest.server.rmq.queue-arguments.x-max-length", String.valueOf(MAX_LENGTH));
    config.put("nest.server.rmq.exchange-arguments.alternate-exchange", ALTERNATE);
    config.put("nest.client.rmq-raw.exchange-arguments.alternate-exchange", ALTERNATE);
    // nothing in this app calls out, so the Java clients' bean (and its config root) would be removed, and the test
    // profile's nest.client.* keys in application.properties would then fail validation as keys of no root
    config.put("quarkus.arc.unremovable-types", "org.acme.transport.client.NestClients");
    return config;
  }

  @Override
  public List<TestResourceEntry> testResources() {
    return List.of(new TestResourceEntry(DeleteAfter.class));
  }

  /** Deletes the queue, its dead letters and the exchange named after it once the tests are done. */
  public static class DeleteAfter implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
      return Map.of();
    }

    @Override
    public void stop() {
      SharedBrokers.delete(new String[] {QUEUE}, new String[] {QUEUE});
    }
  }
}
