package org.acme.transport.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.KafkaFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Against the machine's Kafka: a server's topics end up with at least its partitions, whoever created them first,
 * so every instance of a scaled-out service gets a share.
 */
class KafkaTopicsTests {

  private final String run = UUID.randomUUID().toString().substring(0, 8);
  private final String fresh = "topics-fresh-" + run;
  private final String small = "topics-small-" + run;
  private final String large = "topics-large-" + run;
  private Admin admin;

  @BeforeEach
  void connect() throws Exception {
    admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:9092"));
    // as a Nest client or the broker's auto-creation would leave them: made before the server started
    admin.createTopics(List.of(new NewTopic(small, 1, (short) 1), new NewTopic(large, 4, (short) 1)))
        .all().get(15, TimeUnit.SECONDS);
  }

  @AfterEach
  void cleanUp() throws Exception {
    for (KafkaFuture<Void> deleted : admin.deleteTopics(List.of(fresh, small, large)).topicNameValues().values()) {
      try {
        deleted.get(15, TimeUnit.SECONDS);
      } catch (ExecutionException notMade) {
        // a test that did not ask for it
      }
    }
    admin.close();
  }

  @Test
  void missingTopicsAreCreatedAndSmallerOnesGrownButNoneShrunk() {
    KafkaTopics.ensure(admin, List.of(fresh, small, large), Optional.of(2));

    assertThat(KafkaTopics.partitions(admin, fresh)).containsExactly(0, 1);
    assertThat(KafkaTopics.partitions(admin, small)).as("grown from one").containsExactly(0, 1);
    assertThat(KafkaTopics.partitions(admin, large)).as("left as it was").containsExactly(0, 1, 2, 3);
  }

  @Test
  void askingAgainChangesNothing() {
    KafkaTopics.ensure(admin, List.of(small), Optional.of(3));
    KafkaTopics.ensure(admin, List.of(small), Optional.of(3));

    assertThat(KafkaTopics.partitions(admin, small)).containsExactly(0, 1, 2);
  }

  @Test
  void withoutACountExistingTopicsAreLeftAlone() {
    KafkaTopics.ensure(admin, List.of(small), Optional.empty());

    assertThat(KafkaTopics.partitions(admin, small)).containsExactly(0);
  }
}
