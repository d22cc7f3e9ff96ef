package org.acme.transport.rmq;

import java.util.Comparator;
import java.util.Optional;
import java.util.Set;

/**
 * AMQP topic matching for wildcard routes ({@code nest.server.rmq.wildcards}): words separated by {@code .},
 * {@code *} one word, {@code #} zero or more words anywhere, exactly as a topic exchange routes (so whatever the
 * broker delivers through a route's binding, that route's handler takes). Not {@code MqttTopics}: there {@code #}
 * may only end a filter and matches at least the parent level, and Nest's own matcher has the same limit; a
 * binding {@code a.#.z} would bring messages nobody handles.
 */
final class RmqTopics {

  /**
   * Which wildcard wins when several match: the one with fewer {@code #}, then fewer {@code *}, then more words,
   * then the one with a literal word where the other has a wildcard first, then by name. Nest takes the first one declared, an order Java reflection does not keep; most specific first is
   * what a Nest user gets who declares the narrow handler before the broad one, and it does not change between builds.
   */
  private static final Comparator<String> MOST_SPECIFIC = Comparator.<String>comparingLong(r -> count(r, "#"))
      .thenComparingLong(r -> count(r, "*"))
      .thenComparing(Comparator.<String>comparingInt(r -> r.split("\\.", -1).length).reversed())
      .thenComparing(RmqTopics::literalFirst)
      .thenComparing(Comparator.naturalOrder());

  /**
   * AMQP's limit on a routing key (255 bytes; counted here in characters). The key matched here is the body's pattern, which a
   * sender may make as long as a message: one longer than a binding could ever route is not matched at all.
   */
  static final int MAX_KEY_LENGTH = 255;

  private RmqTopics() {
  }

  /** Whether a route holds a {@code *} or {@code #} word: Nest's test ({@code includes}) made word-exact. */
  static boolean isWildcard(String route) {
    return count(route, "*") + count(route, "#") > 0;
  }

  /** The wildcard route among {@code routes} that takes {@code key}, the most specific when several do. */
  static Optional<String> winner(String key, Set<String> routes) {
    return routes.stream().filter(RmqTopics::isWildcard).filter(route -> matches(route, key)).min(MOST_SPECIFIC);
  }

  /** Whether the broker would route {@code key} through a binding {@code route}; a key longer than AMQP allows never. */
  static boolean matches(String route, String key) {
    if (key.length() > MAX_KEY_LENGTH) {
      return false;
    }
    String[] r = route.split("\\.", -1);
    String[] k = key.split("\\.", -1);
    // fits[i][j]: route words from i on match key words from j on; filled from the end, so time is route x key words
    boolean[][] fits = new boolean[r.length + 1][k.length + 1];
    fits[r.length][k.length] = true;
    for (int i = r.length - 1; i >= 0; i--) {
      for (int j = k.length; j >= 0; j--) {
        if (r[i].equals("#")) {
          fits[i][j] = fits[i + 1][j] || j < k.length && fits[i][j + 1];
        } else {
          fits[i][j] = j < k.length && (r[i].equals("*") || r[i].equals(k[j])) && fits[i + 1][j + 1];
        }
      }
    }
    return fits[0][0];
  }

  /** At the first word where one route has a literal and the other a wildcard, the literal one first. */
  private static int literalFirst(String a, String b) {
    String[] x = a.split("\\.", -1);
    String[] y = b.split("\\.", -1);
    for (int i = 0; i < Math.min(x.length, y.length); i++) {
      int diff = Boolean.compare(isWildcardWord(x[i]), isWildcardWord(y[i]));
      if (diff != 0) {
        return diff;
      }
    }
    return 0;
  }

  private static boolean isWildcardWord(String word) {
    return word.equals("*") || word.equals("#");
  }

  private static long count(String route, String word) {
    long n = 0;
    for (String w : route.split("\\.", -1)) {
      n += w.equals(word) ? 1 : 0;
    }
    return n;
  }
}
