package org.acme.payment;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import io.vertx.redis.client.Command;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * Names of this test run's own, so concurrent builds on the same brokers do not meet: the RabbitMQ queue the
 * service consumes ({@code test.rmq.queue}), the Redis key prefix of its ledger ({@code test.payment.key-prefix}) and
 * a marker every test's order ids carry ({@code test.run}), by which the Kafka events of this run are told from
 * others' on the shared {@code payment_completed}/{@code payment_failed} topics. Queues and keys go afterwards.
 */
public class UniquePaymentNames implements QuarkusTestResourceLifecycleManager {

  private final String run = "t" + UUID.randomUUID().toString().substring(0, 8);

  private String queue() {
    return "payments_queue.test-" + run;
  }

  private String keyPrefix() {
    return "payment:test-" + run + ":";
  }

  @Override
  public Map<String, String> start() {
    return Map.of("test.rmq.queue", queue(), "test.payment.key-prefix", keyPrefix(), "test.run", run);
  }

  @Override
  public void stop() {
    deleteQueues();
    deleteKeys();
  }

  private void deleteQueues() {
    ConnectionFactory factory = new ConnectionFactory();
    factory.setHost("127.0.0.1");
    try (Connection connection = factory.newConnection(); Channel channel = connection.createChannel()) {
      channel.queueDelete(queue());
      channel.queueDelete(queue() + ".dlq");
    } catch (Exception e) {
      System.err.println("could not delete the test queues " + queue() + ": " + e);
    }
  }

  /** SCAN rather than KEYS: the Redis is shared, and SCAN does not stop it for the others. */
  private void deleteKeys() {
    Vertx vertx = Vertx.vertx();
    try {
      Redis redis = Redis.createClient(vertx, "redis://127.0.0.1:6379");
      String cursor = "0";
      do {
        Response page = await(redis.send(Request.cmd(Command.SCAN).arg(cursor).arg("MATCH").arg(keyPrefix() + "*").arg("COUNT").arg(1000)));
        cursor = page.get(0).toString();
        Request del = Request.cmd(Command.DEL);
        page.get(1).forEach(key -> del.arg(key.toString()));
        if (page.get(1).size() > 0) {
          await(redis.send(del));
        }
      } while (!cursor.equals("0"));
      redis.close();
    } catch (Exception e) {
      System.err.println("could not delete the test keys " + keyPrefix() + "*: " + e);
    } finally {
      vertx.close();
    }
  }

  private static Response await(io.vertx.core.Future<Response> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }
}
