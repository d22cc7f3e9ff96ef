package org.acme.transport.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.core.Vertx;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The confirmation of a channel and the caller waiting for it meet in either order. Many first subscriptions at once,
 * from many threads, each followed at once by a message on its channel: every caller is released, every message heard.
 */
@QuarkusTest
class RedisSubscriberTests {

  private final RedisLink redis;
  private final Vertx vertx;

  RedisSubscriberTests(RedisLink redis, Vertx vertx) {
    this.redis = redis;
    this.vertx = vertx;
  }

  @Test
  void everyFirstSubscriptionIsConfirmedWhicheverComesFirst() {
    ConcurrentLinkedQueue<String> heard = new ConcurrentLinkedQueue<>();
    RedisSubscriber subscriber = new RedisSubscriber(redis.dataSource().getRedis(), vertx, Duration.ofMillis(100), "test",
        (route, channel, payload) -> heard.add(payload));
    RedisPublisher publisher = new RedisPublisher(redis.dataSource().getRedis(), "test");
    String prefix = "subscriber-test-" + UUID.randomUUID() + ":";
    try {
      List<CompletableFuture<Integer>> delivered = IntStream.range(0, 300).parallel()
          .mapToObj(i -> subscriber.subscribe(List.of(prefix + i))
              .chain(() -> publisher.publish(prefix + i, "m" + i))
              .subscribeAsCompletionStage())
          .toList();
      List<Integer> receivers = delivered.stream().map(f -> f.orTimeout(10, TimeUnit.SECONDS).join()).toList();

      assertThat(receivers).as("every PUBLISH found the subscription confirmed before it").allMatch(n -> n == 1);
      await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(heard).hasSize(300));
    } finally {
      subscriber.close();
      publisher.close();
    }
  }
}
