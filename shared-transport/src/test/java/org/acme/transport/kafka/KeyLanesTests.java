package org.acme.transport.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/** The lanes' rules, fast; KafkaKeyOrderTests (math-service) proves them on the real broker. */
class KeyLanesTests {

  private static ConsumerRecord<byte[], byte[]> record(String key, long offset) {
    return new ConsumerRecord<>("t", 0, offset, key == null ? null : key.getBytes(StandardCharsets.UTF_8), new byte[0]);
  }

  @Test
  void aKeyWaitsForItsPredecessorAndOtherKeysDoNot() {
    KeyLanes lanes = new KeyLanes();
    var a0 = record("a", 0);
    var a1 = record("a", 1);
    var a2 = record("a", 2);
    assertThat(lanes.admit(a0)).isTrue();
    assertThat(lanes.admit(record("b", 1))).as("another key").isTrue();
    assertThat(lanes.admit(record(null, 2))).as("no key, no order asked for").isTrue();
    assertThat(lanes.admit(a1)).isFalse();
    assertThat(lanes.admit(a2)).isFalse();
    assertThat(lanes.waiting()).isEqualTo(2);
    assertThat(lanes.next(a0)).isSameAs(a1);
    assertThat(lanes.next(a1)).isSameAs(a2);
    assertThat(lanes.next(a2)).isNull();
    assertThat(lanes.admit(record("a", 3))).as("the lane is free again").isTrue();
  }

  @Test
  void discardingDropsTheWaitingAndCountsThem() {
    KeyLanes lanes = new KeyLanes();
    var a0 = record("a", 0);
    lanes.admit(a0);
    lanes.admit(record("a", 1));
    lanes.admit(record("a", 2));
    assertThat(lanes.discard()).isEqualTo(2);
    assertThat(lanes.next(a0)).as("what still runs finds no lane").isNull();
    assertThat(lanes.waiting()).isZero();
  }
}
