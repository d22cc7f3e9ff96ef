package org.acme.transport.testing;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisAPI;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * The brokers on 127.0.0.1 that every test run shares: connections to them, names of one run's own, and their removal
 * afterwards. Tests of several builds (a developer's and CI's, or two checkouts) meet on the same Redis and RabbitMQ,
 * so each run takes queues, groups and key prefixes no other run has, and leaves nothing behind. A failure to clean
 * up is reported, never a test failure.
 */
public final class SharedBrokers {

  private static final String REDIS = "redis://127.0.0.1:6379";
  /** Deletes every key under a prefix, server side, in one call; SCAN rather than KEYS, so the shared Redis serves on. */
  private static final String DELETE_PREFIX = """
      local cursor, deleted = '0', 0
      repeat
        local page = redis.call('SCAN', cursor, 'MATCH', ARGV[1] .. '*', 'COUNT', 1000)
        cursor = page[1]
        for _, key in ipairs(page[2]) do deleted = deleted + redis.call('DEL', key) end
      until cursor == '0'
      return deleted
      """;

  private SharedBrokers() {
  }

  /** Eight characters no other run has, for names of this run's own. */
  public static String runSuffix() {
    return UUID.randomUUID().toString().substring(0, 8);
  }

  /** A connection to the shared RabbitMQ on 127.0.0.1, as guest. */
  public static Connection rabbit() throws Exception {
    ConnectionFactory factory = new ConnectionFactory();
    factory.setHost("127.0.0.1");
    return factory.newConnection();
  }

  /** Deletes these RabbitMQ queues with their dead-letter queues ({@code <queue>.dlq}). */
  public static void deleteQueues(String... queues) {
    delete(queues, new String[0]);
  }

  /** Deletes these queues with their dead-letter queues, then these exchanges. */
  public static void delete(String[] queues, String[] exchanges) {
    try (Connection connection = rabbit(); Channel channel = connection.createChannel()) {
      for (String queue : queues) {
        channel.queueDelete(queue);
        channel.queueDelete(queue + ".dlq");
      }
      for (String exchange : exchanges) {
        channel.exchangeDelete(exchange);
      }
    } catch (Exception e) {
      System.err.println("could not delete the test queues " + List.of(queues) + " and exchanges " + List.of(exchanges) + ": " + e);
    }
  }

  /** Deletes every key of the shared Redis under this prefix. */
  public static void deleteKeys(String prefix) {
    Vertx vertx = Vertx.vertx();
    try {
      RedisAPI.api(Redis.createClient(vertx, REDIS)).eval(List.of(DELETE_PREFIX, "0", prefix))
          .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      System.err.println("could not delete the test keys " + prefix + "*: " + e);
    } finally {
      vertx.close();
    }
  }
}
