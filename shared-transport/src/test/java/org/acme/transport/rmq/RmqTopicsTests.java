package org.acme.transport.rmq;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;

/** AMQP topic matching of wildcard routes, and which of several wins. */
class RmqTopicsTests {

  @Test
  void starIsOneWordAndHashIsAnyNumberOfWordsAnywhere() {
    assertThat(RmqTopics.matches("a.*.c", "a.b.c")).isTrue();
    assertThat(RmqTopics.matches("a.*.c", "a.c")).isFalse();
    assertThat(RmqTopics.matches("a.*.c", "a.b.b.c")).isFalse();
    assertThat(RmqTopics.matches("a.#", "a")).isTrue();
    assertThat(RmqTopics.matches("a.#", "a.b.c")).isTrue();
    assertThat(RmqTopics.matches("a.#", "ab.c")).isFalse();
    // in the middle, as a topic exchange routes it (Nest's own matcher and MQTT's stop at a # that does not end)
    assertThat(RmqTopics.matches("a.#.z", "a.z")).isTrue();
    assertThat(RmqTopics.matches("a.#.z", "a.b.c.z")).isTrue();
    assertThat(RmqTopics.matches("a.#.z", "a.b.c")).isFalse();
    assertThat(RmqTopics.matches("#", "")).isTrue();
    assertThat(RmqTopics.matches("*", "")).isTrue();
    assertThat(RmqTopics.matches("a*.b", "ab.b")).as("a star inside a word is a letter").isFalse();
  }

  @Test
  void aKeyLongerThanAmqpAllowsMatchesNothingAndAManyHashRouteStaysCheap() {
    String longKey = "a.".repeat(200) + "z";
    assertThat(RmqTopics.matches("#", longKey)).isFalse();
    String worst = "a.".repeat(127) + "b";
    long start = System.nanoTime();
    assertThat(RmqTopics.matches("#.#.#.#.#.#.#.#.#.#.c", worst)).isFalse();
    assertThat(System.nanoTime() - start).as("route words x key words, not exponential").isLessThan(1_000_000_000L);
  }

  @Test
  void theMostSpecificWildcardWins() {
    Set<String> routes = Set.of("a.#", "a.*.c", "a.b.*", "#", "a.b.c.d", "{\"cmd\":\"sum\"}");
    assertThat(RmqTopics.winner("a.b.c", routes)).contains("a.b.*");
    assertThat(RmqTopics.winner("a.x.c", routes)).contains("a.*.c");
    assertThat(RmqTopics.winner("a.x.y", routes)).contains("a.#");
    assertThat(RmqTopics.winner("q", routes)).contains("#");
    assertThat(RmqTopics.winner("q", Set.of("a.#", "a.b"))).isEmpty();
    assertThat(RmqTopics.isWildcard("{\"cmd\":\"sum\"}")).isFalse();
  }
}
