package org.acme.math;

import java.util.List;
import org.acme.transport.testing.RawKafka;

/** Creates topics before a Nest peer starts: Nest's Kafka client and server fail on missing ones (wire doc §13). */
final class KafkaTestTopics {

  static final String BOOTSTRAP = "127.0.0.1:9092";
  /** Every request topic of the catalogue and each one's reply topic. */
  static final List<String> CATALOGUE = List.of("sum", "sum.v2", "multiply", "count", "protected", "admin", "data", "get_data", "users_seen",
      "never", "user_created", "math_unknown_pattern");

  private KafkaTestTopics() {
  }

  static void ensureCatalogue() {
    List<String> all = new java.util.ArrayList<>(CATALOGUE);
    CATALOGUE.forEach(t -> all.add(t + ".reply"));
    ensure(all);
  }

  static void ensure(List<String> topics) {
    RawKafka.ensureTopics(BOOTSTRAP, topics);
  }
}
