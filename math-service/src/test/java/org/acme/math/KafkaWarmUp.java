package org.acme.math;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.acme.contracts.math.MathPatterns;
import org.acme.transport.client.NestClient;

/**
 * Waits until a Kafka server answers. A consumer group that has never committed starts at the end of its topics
 * (Nest's and ours alike), so a request sent before the group's first assignment is never seen; each try is a
 * fresh request with a short deadline. Once per test class: each may have its own application or Nest server.
 */
final class KafkaWarmUp {

  private static final Duration WITHIN = Duration.ofSeconds(60);
  private static final Set<Class<?>> ANSWERED = ConcurrentHashMap.newKeySet();

  private KafkaWarmUp() {
  }

  static void untilAnswered(Class<?> testClass, NestClient client) {
    if (ANSWERED.contains(testClass)) {
      return;
    }
    long deadline = System.nanoTime() + WITHIN.toNanos();
    RuntimeException last = null;
    while (System.nanoTime() < deadline) {
      try {
        client.send(MathPatterns.KAFKA_SUM, List.of(1), Integer.class).await().atMost(Duration.ofSeconds(3));
        ANSWERED.add(testClass);
        return;
      } catch (RuntimeException e) {
        last = e;
      }
    }
    throw new IllegalStateException("no Kafka server answered within " + WITHIN.toSeconds() + " s", last);
  }
}
