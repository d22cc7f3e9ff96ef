package org.acme.math;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.acme.transport.testing.SharedBrokers;

/**
 * math-service's RabbitMQ server on a topic exchange with Nest's options: {@code wildcards}, a {@code routing-key},
 * {@code no-assert} on a queue and exchange an administrator made beforehand (the queue with an argument the server's
 * own declaration would not have, so a declaration would be refused), prefetch 2; the other servers off. Names carry
 * the JVM's pid: the same in every class loader of this run, another in a concurrent build's.
 */
public class RmqTopologyProfile implements QuarkusTestProfile {

  static final String PROBE_SWITCH = "test.rmq.topology";
  static final String SUFFIX = String.valueOf(ProcessHandle.current().pid());
  static final String QUEUE = "math_topo." + SUFFIX;
  static final String EXCHANGE = "math_topo_x." + SUFFIX;
  static final String LEGACY_KEY = "legacy.#";
  static final int PREFETCH = 2;
  /** A Nest server's queue, exchange named after it, as Nest does with wildcards and no exchange. */
  static final String NEST_QUEUE = "math_topo_nest." + SUFFIX;

  @Override
  public Map<String, String> getConfigOverrides() {
    Map<String, String> config = new HashMap<>();
    for (String transport : new String[] {"tcp", "redis", "nats", "mqtt", "kafka"}) {
      config.put("nest.server." + transport + ".enabled", "false");
    }
    config.put(PROBE_SWITCH, "true");
    config.put("nest.server.rmq.queue", QUEUE);
    config.put("nest.server.rmq.exchange", EXCHANGE);
    config.put("nest.server.rmq.exchange-type", "topic");
    config.put("nest.server.rmq.routing-key", LEGACY_KEY);
    config.put("nest.server.rmq.wildcards", "true");
    config.put("nest.server.rmq.no-assert", "true");
    config.put("nest.server.rmq.prefetch", String.valueOf(PREFETCH));
    // the prefetch test's requests never answer: they end after this, so they do not hold the consumer for long
    config.put("nest.server.handler-timeout", "2s");
    config.put("nest.client.rmq-topo.transport", "rmq");
    config.put("nest.client.rmq-topo.wildcards", "true");
    config.put("nest.client.rmq-topo.exchange", EXCHANGE);
    config.put("nest.client.rmq-topo.no-assert", "true");
    config.put("nest.client.rmq-topo.timeout", "5s");
    config.put("nest.client.rmq-nest-wild.transport", "rmq");
    config.put("nest.client.rmq-nest-wild.wildcards", "true");
    config.put("nest.client.rmq-nest-wild.queue", NEST_QUEUE);
    config.put("nest.client.rmq-nest-wild.timeout", "6s");
    return config;
  }

  @Override
  public List<TestResourceEntry> testResources() {
    return List.of(new TestResourceEntry(AdministratorsTopology.class));
  }

  /** What an administrator declares before the service starts with no-assert; all of it deleted afterwards. */
  public static class AdministratorsTopology implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
      try (Connection connection = SharedBrokers.rabbit(); Channel channel = connection.createChannel()) {
        channel.queueDeclare(QUEUE, true, false, false, Map.of("x-max-length", 10_000));
        channel.queueDeclare(QUEUE + ".dlq", true, false, false, Map.of("x-max-length", 10_000));
        channel.exchangeDeclare(EXCHANGE, "topic", true);
      } catch (Exception e) {
        throw new IllegalStateException("cannot declare the test topology", e);
      }
      return Map.of();
    }

    @Override
    public void stop() {
      SharedBrokers.delete(new String[] {QUEUE, NEST_QUEUE}, new String[] {EXCHANGE, NEST_QUEUE});
    }
  }
}
