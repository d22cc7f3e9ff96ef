package org.acme.math;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.acme.transport.codec.NestCodec;
import org.acme.transport.tcp.TcpFrameDecoder;
import org.acme.transport.testing.FuzzFrames;

/**
 * The fuzz over raw TCP: frames whose length lies, whose {@code #} is misplaced, that stop half-way or come several
 * in one write, around hostile envelopes. Each write is followed by a probe, a valid {@code sum} on the same
 * connection: its right answer says the server read the frame and goes on with this connection; the connection
 * closing says the server refused the frame (as Nest 11.2 does), and the next frame goes on a new one. A frame left
 * incomplete gets neither; after {@value #PROBE_MS} ms the fuzz goes on on a new connection, and at the end each such
 * connection must have been closed by the server (its incomplete-frame deadline is 1 s in tests) or answered late:
 * a connection that does neither is one the server stopped serving.
 */
final class TcpFuzzPeer implements HostilePeer {

  private static final long PROBE_MS = 100;
  private static final String CLOSED = "closed";
  /** nest.server.tcp.incomplete-frame-timeout in tests (1 s), and time to spare. */
  private static final Duration SETTLED_WITHIN = Duration.ofSeconds(3);

  private final int port;
  private FuzzFrames fuzz;
  private Consumer<String> replies;
  private Socket socket;
  private BlockingQueue<String> probes;
  private int connections;
  private int refused;
  private final List<Waiting> waiting = new ArrayList<>();
  private long probe;

  TcpFuzzPeer(int port) {
    this.port = port;
  }

  @Override
  public String transport() {
    return "tcp";
  }

  @Override
  public void open(FuzzFrames fuzz, Consumer<String> replies) throws IOException {
    this.fuzz = fuzz;
    this.replies = replies;
    connect();
  }

  private void connect() throws IOException {
    connections++;
    socket = new Socket("127.0.0.1", port);
    socket.setTcpNoDelay(true);
    probes = new LinkedBlockingQueue<>();
    Socket reading = socket;
    BlockingQueue<String> answered = probes;
    Thread.ofVirtual().start(() -> drain(reading, answered));
  }

  /** Replies to probes go to the writer, the others to the fuzz's checks; the end of the connection too. */
  private void drain(Socket from, BlockingQueue<String> answered) {
    TcpFrameDecoder decoder = new TcpFrameDecoder(1 << 24);
    byte[] buffer = new byte[1 << 16];
    try (InputStream in = from.getInputStream()) {
      for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
        for (String reply : decoder.feed(Arrays.copyOf(buffer, n))) {
          JsonNode body = NestCodec.json().readTree(reply);
          if (body.path("id").asText().startsWith("probe-")) {
            answered.add(body.path("response").asText() + " " + body.path("id").asText());
          } else {
            replies.accept(reply);
          }
        }
      }
    } catch (IOException reset) {
      // closed by either side
    }
    answered.add(CLOSED);
  }

  @Override
  public void sendHostile() throws Exception {
    String id = "probe-" + ++probe;
    byte[] chunk = fuzz.tcpChunk();
    byte[] probeFrame = TcpFrameDecoder.frame("{\"pattern\":{\"cmd\":\"sum\"},\"data\":[1,2],\"id\":\"" + id + "\"}")
        .getBytes(StandardCharsets.UTF_8);
    // one write: two would wait on each other (Nagle and delayed acks), 40 ms a frame
    byte[] both = Arrays.copyOf(chunk, chunk.length + probeFrame.length);
    System.arraycopy(probeFrame, 0, both, chunk.length, probeFrame.length);
    try {
      socket.getOutputStream().write(both);
    } catch (IOException closing) {
      // the server is closing it: the probe below sees it
    }
    for (String answer = probes.poll(PROBE_MS, TimeUnit.MILLISECONDS); ; answer = probes.poll(PROBE_MS, TimeUnit.MILLISECONDS)) {
      if (answer == null) {
        waiting.add(new Waiting(socket, probes, id, System.nanoTime()));
        connect();
        return;
      }
      if (CLOSED.equals(answer)) {
        refused++;
        socket.close();
        connect();
        return;
      }
      if (answer.endsWith(" " + id)) {
        assertThat(answer).as("the probe after a frame the server read; %s", FuzzFrames.replay()).isEqualTo("3 " + id);
        return;
      }
    }
  }

  /** A connection whose probe had no answer in time: the server must close it or answer it yet. */
  private record Waiting(Socket socket, BlockingQueue<String> answers, String probe, long since) {

    boolean settled(long deadline) throws InterruptedException {
      while (true) {
        String answer = answers.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        if (answer == null) {
          return false;
        }
        if (CLOSED.equals(answer) || answer.endsWith(" " + probe)) {
          return true;
        }
      }
    }
  }

  @Override
  public void close() throws Exception {
    socket.close();
    List<String> stuck = new ArrayList<>();
    for (Waiting w : waiting) {
      if (!w.settled(w.since() + SETTLED_WITHIN.toNanos())) {
        stuck.add(w.probe());
      }
      w.socket().close();
    }
    System.out.printf("fuzz tcp: %d connections, %d closed by the server at once, %d left with an incomplete frame%n",
        connections, refused, waiting.size());
    assertThat(stuck).as("connections neither closed nor answered within %s; %s", SETTLED_WITHIN, FuzzFrames.replay()).isEmpty();
  }
}
