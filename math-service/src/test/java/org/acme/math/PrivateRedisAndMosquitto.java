package org.acme.math;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.acme.transport.testing.FreePorts;

/**
 * A redis-server and a mosquitto of the test's own, on free loopback ports, that a test may stop and start again:
 * the shared brokers other builds use are never restarted.
 */
public class PrivateRedisAndMosquitto implements QuarkusTestResourceLifecycleManager {

  static final int REDIS_PORT = FreePorts.free();
  static final int MQTT_PORT = FreePorts.free();
  private static Process redis;
  private static Process mosquitto;

  @Override
  public Map<String, String> start() {
    startRedis();
    startMosquitto();
    return Map.of("quarkus.redis.hosts", "redis://127.0.0.1:" + REDIS_PORT, "nest.mqtt.port", String.valueOf(MQTT_PORT),
        "nest.reconnect-delay", "200ms");
  }

  @Override
  public void stop() {
    stopRedis();
    stopMosquitto();
  }

  static void startRedis() {
    redis = launch("redis", "redis-server", "--port", String.valueOf(REDIS_PORT), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no");
  }

  static void stopRedis() {
    end(redis);
  }

  static void startMosquitto() {
    try {
      Path config = Files.createDirectories(Path.of("target")).resolve("own-mosquitto.conf");
      Files.writeString(config, "listener " + MQTT_PORT + " 127.0.0.1\nallow_anonymous true\n");
      mosquitto = launch("mosquitto", "mosquitto", "-c", config.toAbsolutePath().toString());
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  static void stopMosquitto() {
    end(mosquitto);
  }

  private static Process launch(String name, String... command) {
    try {
      Process process = new ProcessBuilder(command).redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.appendTo(new File("target/own-" + name + ".log"))).start();
      Thread.sleep(300);
      if (!process.isAlive()) {
        throw new IllegalStateException(name + " did not start; see target/own-" + name + ".log");
      }
      return process;
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static void end(Process process) {
    if (process == null) {
      return;
    }
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
