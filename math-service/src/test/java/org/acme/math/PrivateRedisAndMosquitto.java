package org.acme.math;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;
import org.acme.transport.testing.BrokerProcess;

/**
 * A redis-server and a mosquitto of the test's own, on free loopback ports, that a test may stop and start again:
 * the shared brokers other builds use are never restarted.
 */
public class PrivateRedisAndMosquitto implements QuarkusTestResourceLifecycleManager {

  private static final BrokerProcess REDIS = BrokerProcess.redis();
  private static final BrokerProcess MOSQUITTO = BrokerProcess.mosquitto();

  @Override
  public Map<String, String> start() {
    startRedis();
    startMosquitto();
    return Map.of("quarkus.redis.hosts", "redis://127.0.0.1:" + REDIS.port(), "nest.mqtt.port", String.valueOf(MOSQUITTO.port()),
        "nest.reconnect-delay", "200ms");
  }

  @Override
  public void stop() {
    stopRedis();
    stopMosquitto();
  }

  static void startRedis() {
    REDIS.start();
  }

  static void stopRedis() {
    REDIS.stop();
  }

  static void startMosquitto() {
    MOSQUITTO.start();
  }

  static void stopMosquitto() {
    MOSQUITTO.stop();
  }
}
