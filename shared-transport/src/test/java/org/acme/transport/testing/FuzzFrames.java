package org.acme.transport.testing;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Hostile input for fuzz tests, all of it from one seed, so that a failure replays with {@code -Dfuzz.seed=<seed>}
 * (and {@code -Dfuzz.frames=<n>}, default 10,000). It makes Nest envelopes {@code {pattern,data,id,metadata}} with
 * wrong JSON types in every field, number bombs, deep nesting, strings and arrays at the size limits, NUL bytes and
 * bad escapes; mutates them (truncated, duplicated, bit-flipped, spliced, invalid UTF-8 put in); makes plain noise,
 * hostile headers, and, for TCP, frames whose length lies, whose {@code #} is misplaced or that stop half-way.
 * <p>
 * Numbers that pass validation stay small (below 100), so a fuzzed {@code count} streams at most a hundred values:
 * the cost of a frame is its hostility, not legitimate work.
 */
public final class FuzzFrames {

  public static final long DEFAULT_SEED = 12L;
  public static final int DEFAULT_FRAMES = 10_000;
  /** {@code nest.limits.message-size}, {@code json-string-length} and the TCP frame, as shipped: big input straddles it. */
  public static final int SIZE_LIMIT = 1 << 20;

  private static final String[] NUMBERS = {"1e10000000", "-1e-10000000", "1e2147483647", "1E-2147483649", "9".repeat(200),
      "0." + "0".repeat(150) + "1", "1e100", "1e-100", "-0", "2147483648", "9223372036854775808", "0.1", "1.5e1", "-2147483649",
      "NaN", "Infinity", "-Infinity", "01", "1.", ".5", "+1", "0x10", "1e", "--1", "1e999999999999999999"};
  private static final String[] STRINGS = {"\"\"", "\"a\\u0000b\"", "\"a\u0000b\"", "\"\\ud800\"", "\"\\uZZZZ\"", "\"\\\"",
      "\"caf\u00e9 \u20ac \ud83d\ude00\"", "\"unterminated", "\"line\r\nbreak\t\"", "\"\\/\\b\\f\\n\\r\\t\"", "\"x\"", "\"ada@example.com\""};
  private static final byte[][] BAD_BYTES = {{(byte) 0xff}, {(byte) 0xc3}, {(byte) 0xc3, 0x28}, {(byte) 0xed, (byte) 0xa0, (byte) 0x80},
      {(byte) 0xf4, (byte) 0x90, (byte) 0x80, (byte) 0x80}, {(byte) 0xc0, (byte) 0x80}, {0}, {'#'}, {'"'}, {'{'}, {'\\'}, {']'}};
  private static final String[] HEADER_KEYS = {"x-request-id", "x-deadline", "x-trace", "k", "", "a b", "x-\u0001", "ключ",
      "x".repeat(200), "kafka_correlationId", "content-type"};
  private static final String[] HEADER_VALUES = {"v", "", "a\r\nb", "a\u0000b", "caf\u00e9", "\u007f", "0", "1", "soon", "-5", "1e400",
      "99999999999999", "9223372036854775807", "-9223372036854775808", "9223372036854775808", "x".repeat(9000)};

  private final SplittableRandom random;
  private final List<String> routes;
  private final List<String> keys;

  /**
   * @param routes the routes to aim at (as the server names them: {@code {"cmd":"sum"}}, {@code multiply})
   * @param keys field names the handlers read ({@code a}, {@code to}, ...), so some data gets past the binding
   */
  public FuzzFrames(long seed, List<String> routes, List<String> keys) {
    this.random = new SplittableRandom(seed);
    this.routes = List.copyOf(routes);
    this.keys = List.copyOf(keys);
  }

  public static long seed() {
    return Long.getLong("fuzz.seed", DEFAULT_SEED);
  }

  public static int frames() {
    return Integer.getInteger("fuzz.frames", DEFAULT_FRAMES);
  }

  /** What a failure says, so that it can be run again as it was. */
  public static String replay() {
    return "replay with -Dfuzz.seed=" + seed() + " -Dfuzz.frames=" + frames();
  }

  public boolean chance(int percent) {
    return random.nextInt(100) < percent;
  }

  public int nextInt(int bound) {
    return random.nextInt(bound);
  }

  public <T> T pick(List<T> from) {
    return from.get(random.nextInt(from.size()));
  }

  public String route() {
    return pick(routes);
  }

  /** A few small numbers, for a valid request whose answer the test knows. */
  public List<Integer> numbers() {
    return random.ints(random.nextInt(6), -1000, 1000).boxed().toList();
  }

  /** One message body aimed at the route: an envelope, hostile in its fields, often mutated, sometimes plain noise. */
  public byte[] message(String route) {
    int kind = random.nextInt(1000);
    if (kind < 5) {
      return utf8(big(route));
    }
    if (kind < 155) {
      return utf8("{\"pattern\":" + pattern(route) + ",\"data\":" + sizable() + ",\"id\":\"mid\"}");
    }
    if (kind < 230) {
      byte[] noise = new byte[random.nextInt(65)];
      random.nextBytes(noise);
      return noise;
    }
    byte[] envelope = utf8(envelope(route));
    return kind < 650 ? envelope : mutate(envelope);
  }

  /** A bare payload, where the transport carries no envelope (Kafka's record value): hostile data, often mutated. */
  public byte[] payload() {
    int kind = random.nextInt(1000);
    if (kind < 80) {
      return message(route());
    }
    if (kind < 230) {
      return utf8(sizable());
    }
    byte[] data = utf8(chance(70) ? data() : value(0));
    return kind < 550 ? data : mutate(data);
  }

  /** One TCP write: a frame of {@link #message} whose length may lie or whose {@code #} is misplaced, cut short, or several. */
  public byte[] tcpChunk() {
    byte[] body = message(route());
    int units = new String(body, StandardCharsets.UTF_8).length();
    String length = switch (random.nextInt(24)) {
      case 0 -> Integer.toString(units + 1 + random.nextInt(10));
      case 1 -> Integer.toString(Math.max(0, units - 1 - random.nextInt(10)));
      case 2 -> "-" + units;
      case 3 -> Long.toString(SIZE_LIMIT + 1L + random.nextInt(1 << 30));
      case 4 -> "99999999999";
      case 5 -> "";
      case 6 -> "abc";
      case 7 -> pick(List.of(" ", "+", "00")) + units;
      default -> Integer.toString(units);
    };
    String hash = random.nextInt(30) == 0 ? pick(List.of("", "##", "#1#")) : "#";
    byte[] frame = concat(utf8(length + hash), body);
    int shape = random.nextInt(200);
    if (shape == 0) {
      return Arrays.copyOf(frame, random.nextInt(frame.length + 1)); // the rest never comes
    }
    return shape < 5 ? concat(frame, tcpChunk()) : frame;
  }

  /** Headers or metadata entries: mostly none or a few plain ones, sometimes too many, too long or not printable. */
  public Map<String, String> headers() {
    Map<String, String> headers = new LinkedHashMap<>();
    int count = chance(60) ? 0 : chance(95) ? 1 + random.nextInt(3) : 65;
    for (int i = 0; i < count; i++) {
      String key = chance(80) ? "x-h" + i : pick(List.of(HEADER_KEYS));
      headers.put(key, chance(50) ? "v" + i : pick(List.of(HEADER_VALUES)));
    }
    return headers;
  }

  private String envelope(String route) {
    List<String> fields = new ArrayList<>();
    if (!chance(5)) {
      fields.add("\"pattern\":" + (chance(85) ? pattern(route) : value(0)));
    }
    if (!chance(5)) {
      fields.add("\"data\":" + (chance(70) ? data() : value(0)));
    }
    if (chance(20)) {
      fields.add("\"metadata\":" + metadata());
    }
    if (chance(85)) {
      fields.add("\"id\":" + (chance(85) ? "\"f" + random.nextInt(1_000_000) + "\"" : value(0)));
    }
    if (chance(5)) {
      fields.add(pick(List.of("\"id\":1", "\"pattern\":\"x\"", "\"isDisposed\":true", "\"err\":{}", "\"\":0")));
    }
    for (int i = fields.size() - 1; i > 0; i--) {
      fields.set(i, fields.set(random.nextInt(i + 1), fields.get(i)));
    }
    return "{" + String.join(",", fields) + "}";
  }

  /**
   * Data of tens of kilobytes, under every limit: sent often enough (one frame in seven) that a service keeping what it
   * is sent shows in its heap.
   */
  private String sizable() {
    return "{" + quote(pick(keys)) + ":\"" + "y".repeat(32_768 + random.nextInt(65_536)) + "\"}";
  }

  /** Now and then a message at a size limit: one character under, at, or over it, or a token flood, or deep nesting. */
  private String big(String route) {
    int size = SIZE_LIMIT - 64 + random.nextInt(3) * 64;
    String inside = switch (random.nextInt(4)) {
      case 0 -> "\"" + "x".repeat(size) + "\"";
      case 1 -> "[" + "0,".repeat(random.nextBoolean() ? 40_000 : size / 2) + "0]";
      case 2 -> "[".repeat(size / 8) + "]".repeat(size / 8);
      default -> "{\"a\":" + "9".repeat(size / 4) + "}";
    };
    return "{\"pattern\":" + pattern(route) + ",\"data\":" + inside + ",\"id\":\"big\"}";
  }

  private String pattern(String route) {
    return route.startsWith("{") ? route : quote(route);
  }

  private String data() {
    if (chance(30)) {
      List<String> numbers = new ArrayList<>();
      for (int i = random.nextInt(5); i > 0; i--) {
        numbers.add(chance(80) ? Integer.toString(random.nextInt(-3, 100)) : value(1));
      }
      return "[" + String.join(",", numbers) + "]";
    }
    List<String> fields = new ArrayList<>();
    for (int i = random.nextInt(4); i > 0; i--) {
      fields.add(quote(pick(keys)) + ":" + (chance(60) ? Integer.toString(random.nextInt(-3, 100)) : value(1)));
    }
    return "{" + String.join(",", fields) + "}";
  }

  private String metadata() {
    return switch (random.nextInt(6)) {
      case 0 -> value(1);
      case 1 -> "{\"k\":" + value(1) + "}";
      default -> {
        List<String> entries = new ArrayList<>();
        headers().forEach((k, v) -> entries.add(quote(k) + ":" + quote(v)));
        yield "{" + String.join(",", entries) + "}";
      }
    };
  }

  private String value(int depth) {
    return switch (random.nextInt(depth > 3 ? 7 : 11)) {
      case 0, 1 -> Integer.toString(random.nextInt(-3, 100));
      case 2 -> pick(List.of(NUMBERS));
      case 3 -> pick(List.of(STRINGS));
      case 4 -> pick(List.of("true", "false", "null", "{}", "[]"));
      case 5 -> quote(pick(keys));
      case 6 -> random.nextInt(10) > 0 ? pick(List.of("[[[[[[[1]]]]]]]", "{\"a\":{\"b\":{\"c\":{\"d\":{\"e\":{\"f\":1}}}}}}"))
          : "[".repeat(60 + random.nextInt(10)) + "]".repeat(60 + random.nextInt(10));
      case 7, 8 -> "[" + value(depth + 1) + "," + value(depth + 1) + "]";
      default -> "{" + quote(pick(keys)) + ":" + value(depth + 1) + "," + quote("k" + depth) + ":" + value(depth + 1) + "}";
    };
  }

  private byte[] mutate(byte[] in) {
    byte[] out = in;
    for (int round = 1 + random.nextInt(3); round > 0 && out.length > 0; round--) {
      int at = random.nextInt(out.length);
      out = switch (random.nextInt(6)) {
        case 0 -> Arrays.copyOf(out, at);
        case 1 -> random.nextBoolean() ? concat(out, out) : concat(Arrays.copyOf(out, at), Arrays.copyOfRange(out, random.nextInt(at + 1), out.length));
        case 2 -> {
          byte[] flipped = out.clone();
          for (int i = 1 + random.nextInt(8); i > 0; i--) {
            flipped[random.nextInt(flipped.length)] ^= (byte) (1 << random.nextInt(8));
          }
          yield flipped;
        }
        case 3 -> concat(concat(Arrays.copyOf(out, at), BAD_BYTES[random.nextInt(BAD_BYTES.length)]), Arrays.copyOfRange(out, at, out.length));
        case 4 -> concat(Arrays.copyOf(out, at), utf8(envelope(route())));
        default -> concat(Arrays.copyOf(out, at), Arrays.copyOfRange(out, Math.min(out.length, at + 1 + random.nextInt(8)), out.length));
      };
    }
    return out;
  }

  /** A JSON string; control characters escaped, everything else (lone surrogates included) as it is. */
  private static String quote(String text) {
    StringBuilder out = new StringBuilder("\"");
    for (char c : text.toCharArray()) {
      if (c == '"' || c == '\\') {
        out.append('\\').append(c);
      } else if (c < 0x20) {
        out.append(String.format("\\u%04x", (int) c));
      } else {
        out.append(c);
      }
    }
    return out.append('"').toString();
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
