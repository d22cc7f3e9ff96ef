package org.acme.math;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.acme.math.KafkaOrderProbe.Handled;
import org.acme.transport.client.MessageOptions;
import org.acme.transport.client.NestClient;
import org.acme.transport.client.NestClients;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Per-key order on the real Kafka: requests keyed with {@code MessageOptions.kafkaKey}, sent all at once with their
 * keys interleaved, land on one partition; the server runs each key's records one after another in offset order
 * and different keys side by side; and a partition holds no more than {@code nest.server.kafka.max-pending-per-partition}.
 */
@QuarkusTest
class KafkaKeyOrderTests {

  private static final Duration WAIT = Duration.ofSeconds(20);

  private final NestClients clients;

  KafkaKeyOrderTests(NestClients clients) {
    this.clients = clients;
  }

  @BeforeEach
  void serverIsConsuming() {
    KafkaWarmUp.untilAnswered(getClass(), client());
  }

  private NestClient client() {
    return clients.get("math-kafka");
  }

  @Test
  void recordsOfOneKeyRunInOrderAndKeysRunInParallel() {
    String run = UUID.randomUUID().toString().substring(0, 8);
    List<Handled> handled = sendAll(KeyOrder.interleaved("order-" + run + "-", 4, 6), 40);
    assertThat(handled).hasSize(24);
    KeyOrder.assertInOrderPerKeyAndParallelAcrossKeys(handled);
  }

  /**
   * One hot key, more records than a partition may hold: they still run one at a time in order, and the server never
   * holds more than its default bound of 128 (it did hold close to it: the records were all there to be taken).
   * {@code held} is what the whole server has in flight, across its topics (the probe cannot see one partition's
   * count): a record of another topic running at that moment counts too, so two over the bound are allowed for that
   * (a full run once saw 129); without the bound it is the 200 sent.
   */
  @Test
  void aHotKeyQueuesNoMoreThanThePartitionsBound() {
    String key = "hot-" + UUID.randomUUID();
    List<Handled> handled = sendAll(java.util.Collections.nCopies(200, key), 2);
    int mostHeld = handled.stream().mapToInt(Handled::held).max().orElseThrow();
    assertThat(mostHeld).as("records the server held at once").isLessThanOrEqualTo(128 + 2).isGreaterThan(64);
  }

  private List<Handled> sendAll(List<String> keys, int millis) {
    List<Uni<Handled>> sends = keys.stream()
        .map(key -> client().send(KafkaOrderProbe.PATTERN, millis, MessageOptions.builder().kafkaKey(key).build(), Handled.class))
        .toList();
    return Uni.join().all(sends).andFailFast().await().atMost(WAIT);
  }
}
