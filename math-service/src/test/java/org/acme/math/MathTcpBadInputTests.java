package org.acme.math;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.time.Duration;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import org.acme.transport.codec.NestCodec;
import org.acme.transport.tcp.TcpFrameDecoder;
import org.acme.transport.handler.MessageRouter;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * Bad input over raw TCP: a frame that cannot be read closes that one connection (as Nest 11.2 does) and the
 * service keeps serving; a readable frame that is not a valid request gets an error reply on a connection that
 * stays open.
 */
@QuarkusTest
class MathTcpBadInputTests {

  private static final String SUM = "{\"pattern\":{\"cmd\":\"sum\"},\"data\":[1,2,3],\"id\":\"ok\"}";

  @ConfigProperty(name = "nest.server.tcp.port")
  int port;

  @jakarta.inject.Inject
  io.micrometer.core.instrument.MeterRegistry meters;

  private Socket open() throws IOException {
    Socket socket = new Socket("127.0.0.1", port);
    socket.setSoTimeout(5000);
    return socket;
  }

  private static void send(Socket socket, String raw) throws IOException {
    socket.getOutputStream().write(raw.getBytes(StandardCharsets.UTF_8));
    socket.getOutputStream().flush();
  }

  private final Map<Socket, TcpFrameDecoder> decoders = new HashMap<>();
  private final Deque<String> unread = new ArrayDeque<>();

  /** The next reply frame, or null when the server closed the connection. */
  private JsonNode reply(Socket socket) throws IOException {
    TcpFrameDecoder decoder = decoders.computeIfAbsent(socket, s -> new TcpFrameDecoder(1 << 20));
    InputStream in = socket.getInputStream();
    byte[] buffer = new byte[4096];
    while (unread.isEmpty()) {
      int n = in.read(buffer);
      if (n < 0) {
        return null;
      }
      unread.addAll(decoder.feed(Arrays.copyOf(buffer, n)));
    }
    return NestCodec.parse(unread.removeFirst());
  }

  private void assertClosedAndServiceStillServes(String raw) throws IOException {
    try (Socket bad = open()) {
      send(bad, raw);
      assertThat(reply(bad)).as("the server closes a connection that sent %s", raw).isNull();
    }
    assertSumWorks();
  }

  private void assertSumWorks() throws IOException {
    try (Socket good = open()) {
      send(good, TcpFrameDecoder.frame(SUM));
      assertThat(reply(good).path("response").asInt()).isEqualTo(6);
    }
  }

  @Test
  void garbageBytesCloseTheConnection() throws IOException {
    assertClosedAndServiceStillServes("GET / HTTP/1.1\r\nHost: x\r\n\r\n");
  }

  @Test
  void aNonNumericLengthClosesTheConnection() throws IOException {
    assertClosedAndServiceStillServes("abc#{\"pattern\":\"x\"}");
  }

  @Test
  void aHugeLengthIsRefusedAtOnce() throws IOException {
    long started = System.nanoTime();
    try (Socket bad = open()) {
      send(bad, "2000000000#{\"pattern\":");
      assertThat(reply(bad)).as("the server closes a connection that announces a 2 GB frame").isNull();
    }
    // at once: well before the incomplete-frame timeout (1 s in tests), which would also close it, but only later
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(500));
    assertSumWorks();
  }

  @Test
  void invalidJsonClosesTheConnection() throws IOException {
    assertClosedAndServiceStillServes(TcpFrameDecoder.frame("{\"pattern\":{\"cmd\":\"sum\"},\"data\":[1,2,"));
  }

  /** Found by MathTcpFuzzTests: this used to escape the reader as a NumberFormatException and stall the connection. */
  @Test
  void anExponentNoDecimalCanHoldClosesTheConnection() throws IOException {
    assertClosedAndServiceStillServes(TcpFrameDecoder.frame("{\"pattern\":{\"cmd\":\"sum\"},\"data\":[1e999999999999999999],\"id\":\"x\"}"));
  }

  /** Found by MathTcpFuzzTests: a typed request without data reached its handler as null and failed there, a 500. */
  @Test
  void aTypedRequestWithoutDataIsTheCallersMistake() throws IOException {
    try (Socket socket = open()) {
      send(socket, TcpFrameDecoder.frame("{\"pattern\":{\"cmd\":\"count\"},\"data\":null,\"id\":\"no-data\"}"));
      JsonNode error = reply(socket);
      assertThat(error.path("err").path("statusCode").asInt()).isEqualTo(400);
      assertThat(error.path("err").path("message").asText()).isEqualTo("Invalid payload: data is required");
      send(socket, TcpFrameDecoder.frame(SUM));
      assertThat(reply(socket).path("response").asInt()).isEqualTo(6);
    }
  }

  @Test
  void anIncompleteFrameTimesOut() throws IOException {
    try (Socket stalled = open()) {
      send(stalled, "100#{\"pattern\":");
      long started = System.nanoTime();
      assertThat(reply(stalled)).isNull();
      assertThat((System.nanoTime() - started) / 1_000_000).isLessThan(4000);
    } catch (SocketTimeoutException e) {
      throw new AssertionError("the server kept a stalled frame open", e);
    }
    assertSumWorks();
  }

  /** Slowloris: a frame trickled one byte at a time still has to be whole within its deadline from its first byte. */
  @Test
  void aFrameTrickledByteByByteIsCutAtItsDeadline() throws Exception {
    try (Socket slow = open()) {
      send(slow, "100#{");
      long started = System.nanoTime();
      Thread trickle = Thread.ofVirtual().start(() -> {
        for (int i = 0; i < 16; i++) {
          try {
            Thread.sleep(250);
            send(slow, " ");
          } catch (IOException | InterruptedException e) {
            return;
          }
        }
      });
      assertThat(reply(slow)).as("closed, though a byte kept coming every 250 ms").isNull();
      assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(3));
      trickle.interrupt();
    }
    assertSumWorks();
  }

  /**
   * A peer that asks for long streams and never reads: the server asks its handlers for no more than the peer reads
   * (its buffers fill, then nothing more is produced), lets it go after the write-stall timeout (2 s in tests), and
   * serves everyone else meanwhile.
   */
  @Test
  void aPeerThatNeverReadsIsLetGoAndCostsNoMoreThanItsBuffers() throws Exception {
    try (Socket deaf = new Socket()) {
      deaf.setReceiveBufferSize(4096);
      deaf.connect(new java.net.InetSocketAddress("127.0.0.1", port));
      StringBuilder counts = new StringBuilder();
      for (int i = 0; i < 64; i++) {
        counts.append(TcpFrameDecoder.frame("{\"pattern\":{\"cmd\":\"count\"},\"data\":{\"to\":5000},\"id\":\"deaf" + i + "\"}"));
      }
      send(deaf, counts.toString());
      Thread.sleep(500);
      long started = System.nanoTime();
      assertSumWorks();
      // a bound, not a benchmark: unread, those 320 000 replies would take seconds of this 2-core machine
      assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(3));
      Thread.sleep(4000); // past nest.server.tcp.write-stall-timeout
      deaf.setSoTimeout(10_000);
      int replies = 0;
      for (JsonNode next = reply(deaf); next != null; next = reply(deaf)) {
        replies++;
      }
      assertThat(replies).as("produced only as far as the peer's buffers took them, then let go").isLessThan(64 * 5000);
    }
    assertSumWorks();
  }

  /** At most max-in-flight requests of one connection at once: then the server stops reading it (nothing is dropped). */
  @Test
  void aConnectionWithTooManyRequestsInFlightWaitsAndOthersDoNot() throws Exception {
    try (Socket busy = open()) {
      StringBuilder nevers = new StringBuilder();
      for (int i = 0; i < 70; i++) {
        nevers.append(TcpFrameDecoder.frame("{\"pattern\":{\"cmd\":\"never\"},\"data\":{},\"id\":\"n" + i + "\"}"));
      }
      send(busy, nevers + TcpFrameDecoder.frame(SUM));
      long started = System.nanoTime();
      assertSumWorks(); // another connection is not held up
      assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(1));
      busy.setSoTimeout(15_000);
      JsonNode sum;
      do {
        sum = reply(busy);
      } while (sum != null && !"ok".equals(sum.path("id").asText()));
      assertThat(sum).as("the sum behind the nevers is answered once they end (handler timeout): not dropped").isNotNull();
      assertThat(sum.path("response").asInt()).isEqualTo(6);
      assertThat(Duration.ofNanos(System.nanoTime() - started)).as("it waited for a place").isGreaterThan(Duration.ofMillis(1500));
    }
  }

  /** A stream longer than nest.server.max-stream-length (5000 in tests) ends with an error after that many values. */
  @Test
  void aStreamLongerThanTheLimitEndsWithAnError() throws IOException {
    try (Socket socket = open()) {
      socket.setSoTimeout(15_000);
      send(socket, TcpFrameDecoder.frame("{\"pattern\":{\"cmd\":\"count\"},\"data\":{\"to\":6000},\"id\":\"long\"}"));
      int values = 0;
      JsonNode last;
      do {
        last = reply(socket);
        if (last.has("response")) {
          values++;
        }
      } while (!last.path("isDisposed").asBoolean());
      assertThat(values).isEqualTo(5000);
      assertThat(last.path("err").path("message").asText()).contains("nest.server.max-stream-length");
    }
  }

  @Test
  void aRequestWithoutPatternGetsAnErrorAndTheConnectionStays() throws IOException {
    try (Socket socket = open()) {
      send(socket, TcpFrameDecoder.frame("{\"data\":[1],\"id\":\"no-pattern\"}"));
      JsonNode error = reply(socket);
      assertThat(error.path("id").asText()).isEqualTo("no-pattern");
      assertThat(error.path("err").path("message").asText()).contains("no pattern");
      send(socket, TcpFrameDecoder.frame(SUM));
      assertThat(reply(socket).path("response").asInt()).isEqualTo(6);
    }
  }

  @Test
  void metadataOverTheLimitGetsAnErrorAndTheConnectionStays() throws IOException {
    try (Socket socket = open()) {
      String big = "x".repeat(8193);
      send(socket, TcpFrameDecoder.frame("{\"pattern\":{\"cmd\":\"sum\"},\"data\":[1],\"metadata\":{\"k\":\"" + big + "\"},\"id\":\"big\"}"));
      JsonNode error = reply(socket);
      assertThat(error.path("id").asText()).isEqualTo("big");
      assertThat(error.path("err").path("message").asText()).isEqualTo("metadata has 8194 characters, over the limit of 8192 (nest.server.metadata.max-size)");
      send(socket, TcpFrameDecoder.frame(SUM));
      assertThat(reply(socket).path("response").asInt()).isEqualTo(6);
    }
  }

  /** Its sender gave up on it: not started, answered 504, counted; the connection goes on. */
  @Test
  void aRequestWhoseDeadlinePassedIsNotStarted() throws IOException {
    double before = expired();
    try (Socket socket = open()) {
      long past = System.currentTimeMillis() - 1000;
      send(socket, TcpFrameDecoder.frame("{\"pattern\":{\"cmd\":\"sum\"},\"data\":[1],\"metadata\":{\"x-deadline\":\"" + past + "\"},\"id\":\"late\"}"));
      JsonNode error = reply(socket);
      assertThat(error.path("id").asText()).isEqualTo("late");
      assertThat(error.path("err").path("statusCode").asInt()).isEqualTo(504);
      assertThat(error.path("err").path("message").asText()).isEqualTo("the request's deadline passed before it was started");
      long future = System.currentTimeMillis() + 10_000;
      send(socket, TcpFrameDecoder.frame("{\"pattern\":{\"cmd\":\"sum\"},\"data\":[1,2,3],\"metadata\":{\"x-deadline\":\"" + future + "\"},\"id\":\"ok\"}"));
      assertThat(reply(socket).path("response").asInt()).as("one still within its deadline is answered").isEqualTo(6);
    }
    assertThat(expired() - before).isEqualTo(1.0);
  }

  @Test
  void aDeadlineThatIsNotANumberIsACallersMistake() throws IOException {
    try (Socket socket = open()) {
      send(socket, TcpFrameDecoder.frame("{\"pattern\":{\"cmd\":\"sum\"},\"data\":[1],\"metadata\":{\"x-deadline\":\"soon\"},\"id\":\"bad\"}"));
      JsonNode error = reply(socket);
      assertThat(error.path("err").path("statusCode").asInt()).isEqualTo(400);
      assertThat(error.path("err").path("message").asText()).isEqualTo("x-deadline must be milliseconds since the epoch, got 'soon'");
    }
  }

  private double expired() {
    var counter = meters.find("nest.server.expired").tag("transport", "tcp").tag("pattern", "{\"cmd\":\"sum\"}").counter();
    return counter == null ? 0 : counter.count();
  }

  @Test
  void anEnvelopeWithoutIdIsAnEventAndTheNextRequestIsAnswered() throws IOException {
    try (Socket socket = open()) {
      send(socket, TcpFrameDecoder.frame("{\"pattern\":{\"cmd\":\"sum\"},\"data\":[1]}") + TcpFrameDecoder.frame(SUM));
      JsonNode first = reply(socket);
      assertThat(first.path("id").asText()).as("no reply to the id-less packet").isEqualTo("ok");
    }
  }

  @Test
  void anUnknownPatternGetsNestsNoHandlerReply() throws IOException {
    try (Socket socket = open()) {
      send(socket, TcpFrameDecoder.frame("{\"pattern\":{\"cmd\":\"nope\"},\"data\":{},\"id\":\"u\"}") + TcpFrameDecoder.frame(SUM));
      JsonNode noHandler = reply(socket);
      assertThat(noHandler.path("status").asText()).isEqualTo("error");
      assertThat(noHandler.path("err").asText()).isEqualTo(MessageRouter.NO_HANDLER);
      assertThat(reply(socket).path("response").asInt()).isEqualTo(6);
    }
  }
}
