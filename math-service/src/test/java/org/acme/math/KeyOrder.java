package org.acme.math;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.acme.math.KafkaOrderProbe.Handled;

/** What the Kafka server's per-key order means, checked on the probe's reports: one assertion for every client. */
final class KeyOrder {

  private KeyOrder() {
  }

  /** The keys {@code k0..k(keys-1)} interleaved, {@code each} times: k0, k1, k2, k0, k1, k2, ... */
  static List<String> interleaved(String prefix, int keys, int each) {
    return java.util.stream.IntStream.range(0, keys * each).mapToObj(i -> prefix + (i % keys)).toList();
  }

  /**
   * Within a key (and its partition), the records ran one after another in offset order: each started after the one
   * before it had ended. Across keys, at least two records ran at the same time: different keys do not wait for each other.
   */
  static void assertInOrderPerKeyAndParallelAcrossKeys(List<Handled> handled) {
    Map<String, List<Handled>> byKey = handled.stream().collect(Collectors.groupingBy(h -> h.key() + "@" + h.partition()));
    assertThat(byKey).as("several keys").hasSizeGreaterThan(1);
    byKey.forEach((key, records) -> {
      List<Handled> inOffsetOrder = records.stream().sorted(Comparator.comparingLong(Handled::offset)).toList();
      for (int i = 1; i < inOffsetOrder.size(); i++) {
        Handled before = inOffsetOrder.get(i - 1);
        Handled after = inOffsetOrder.get(i);
        assertThat(after.start()).as("key %s: offset %d started before offset %d had ended", key, after.offset(), before.offset())
            .isGreaterThanOrEqualTo(before.end());
      }
    });
    boolean overlap = handled.stream().anyMatch(a -> handled.stream()
        .anyMatch(b -> !a.key().equals(b.key()) && a.start() < b.end() && b.start() < a.end()));
    assertThat(overlap).as("records of different keys ran at the same time").isTrue();
  }
}
