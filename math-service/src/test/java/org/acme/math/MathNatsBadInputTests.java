package org.acme.math;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.nats.client.Connection;
import io.nats.client.Message;
import io.nats.client.Nats;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.acme.contracts.math.MathPatterns;
import org.acme.transport.client.NestClients;
import org.acme.transport.testing.FreePorts;
import org.acme.transport.testing.LogCapture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Bad input on NATS, sent raw with jnats: each gets an error reply on its reply subject (stock Nest dies on invalid
 * JSON), and the service goes on answering.
 */
@QuarkusTest
@QuarkusTestResource(FreePorts.class)
@QuarkusTestResource(UniqueBrokerNames.class)
class MathNatsBadInputTests {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static Connection raw;
  private final NestClients clients;
  @jakarta.inject.Inject
  io.micrometer.core.instrument.MeterRegistry meters;

  /** sum requests the NATS server has run to their end (the handler's timer). */
  private long handled() {
    return meters.find("nest.server.requests").tag("transport", "nats").tag("pattern", MathPatterns.SUM).timers().stream()
        .mapToLong(io.micrometer.core.instrument.Timer::count).sum();
  }

  MathNatsBadInputTests(NestClients clients) {
    this.clients = clients;
  }

  @BeforeAll
  static void connect() throws Exception {
    raw = Nats.connect("nats://127.0.0.1:4222");
  }

  @AfterAll
  static void close() throws Exception {
    raw.close();
  }

  private JsonNode request(String subject, byte[] body) throws Exception {
    Message reply = raw.request(subject, body, Duration.ofSeconds(5));
    assertThat(reply).as("a reply on " + subject).isNotNull();
    return JSON.readTree(reply.getData());
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private void stillServes() {
    assertThat(clients.get("math-nats").send(MathPatterns.SUM, List.of(1, 2, 3), Integer.class).await().atMost(Duration.ofSeconds(5))).isEqualTo(6);
  }

  @Test
  void garbageBytesGetAnErrorReply() throws Exception {
    JsonNode reply = request(MathPatterns.SUM, new byte[] {(byte) 0xff, 0x00, 0x13, (byte) 0xc3});
    assertThat(reply.path("err").path("message").asText()).contains("not valid JSON");
    assertThat(reply.path("isDisposed").asBoolean()).isTrue();
    stillServes();
  }

  @Test
  void invalidJsonGetsAnErrorReply() throws Exception {
    JsonNode reply = request(MathPatterns.SUM, utf8("{\"pattern\":{\"cmd\":\"sum\"},\"data\":[1,2"));
    assertThat(reply.path("err").path("status").asText()).isEqualTo("error");
    assertThat(reply.path("err").path("message").asText()).contains("not valid JSON");
    stillServes();
  }

  @Test
  void anEnvelopeWithoutIdGetsAnErrorReply() throws Exception {
    JsonNode reply = request(MathPatterns.SUM, utf8("{\"pattern\":{\"cmd\":\"sum\"},\"data\":[1,2]}"));
    assertThat(reply.path("err").path("message").asText()).contains("not a request");
    stillServes();
  }

  @Test
  void anEnvelopeWithoutPatternGetsAnErrorReplyWithItsId() throws Exception {
    JsonNode reply = request(MathPatterns.SUM, utf8("{\"data\":[1,2],\"id\":\"abc\"}"));
    assertThat(reply.path("id").asText()).isEqualTo("abc");
    assertThat(reply.path("err").path("message").asText()).contains("has no pattern");
    stillServes();
  }

  /**
   * Nothing to answer to: the server says so in its log (naming the subject and the reason) and drops it, in the
   * words Redis and MQTT use for what they cannot answer (ChannelBadInputContract).
   */
  @Test
  void invalidJsonWithoutAReplySubjectIsDroppedAndTheServerLives() throws Exception {
    droppedWithoutReplySubject("not json at all", "dropping a message nobody can answer (the packet is not valid JSON");
  }

  /** An envelope without id on a route without an event handler: dropped and said so, as on Redis and MQTT. */
  @Test
  void anEnvelopeWithoutIdOrReplySubjectIsDroppedAndTheServerLives() throws Exception {
    droppedWithoutReplySubject("{\"pattern\":{\"cmd\":\"sum\"},\"data\":[1,2]}", "dropping a message without an id");
  }

  private void droppedWithoutReplySubject(String body, String logged) throws Exception {
    try (LogCapture log = LogCapture.of("org.acme.transport.nats.NatsRequestHandler")) {
      raw.publish(MathPatterns.SUM, utf8(body));
      raw.flush(Duration.ofSeconds(2));
      await().atMost(Duration.ofSeconds(5)).until(() -> log.lines().stream()
          .anyMatch(line -> line.contains("NATS " + MathPatterns.SUM + ": " + logged)));
    }
    stillServes();
  }

  /** Handled all the same (the handler runs, as Nest runs it), the reply dropped and said so. */
  @Test
  void aRequestWithoutAReplySubjectIsHandledAndTheServerLives() throws Exception {
    String id = "no-reply-" + java.util.UUID.randomUUID();
    long handledBefore = handled();
    try (LogCapture log = LogCapture.of("org.acme.transport.nats.NatsRequestHandler")) {
      raw.publish(MathPatterns.SUM, utf8("{\"pattern\":{\"cmd\":\"sum\"},\"data\":[1,2],\"id\":\"" + id + "\"}"));
      raw.flush(Duration.ofSeconds(2));
      await().atMost(Duration.ofSeconds(5)).until(() -> log.lines().stream()
          .anyMatch(line -> line.contains(id) && line.contains("has no reply subject; handling it")));
      await().atMost(Duration.ofSeconds(5)).until(() -> handled() > handledBefore);
    }
    stillServes();
  }

  @Test
  void aRequestWithHeadersIsServed() throws Exception {
    io.nats.client.impl.Headers headers = new io.nats.client.impl.Headers().add("x-trace", "t1");
    Message reply = raw.request(io.nats.client.impl.NatsMessage.builder().subject(MathPatterns.GET_DATA).headers(headers)
        .data(utf8("{\"pattern\":{\"cmd\":\"get_data\"},\"data\":{},\"id\":\"h1\"}")).build(), Duration.ofSeconds(5));
    JsonNode info = JSON.readTree(reply.getData()).path("response");
    assertThat(info.path("transport").asText()).isEqualTo("nats");
    assertThat(info.path("metadata").path("x-trace").asText()).as("headers are metadata").isEqualTo("t1");
  }

  @Test
  void aRequestWhoseDeadlinePassedIsNotStarted() throws Exception {
    io.nats.client.impl.Headers headers = new io.nats.client.impl.Headers().add("x-deadline", String.valueOf(System.currentTimeMillis() - 1));
    Message reply = raw.request(io.nats.client.impl.NatsMessage.builder().subject(MathPatterns.SUM).headers(headers)
        .data(utf8("{\"pattern\":{\"cmd\":\"sum\"},\"data\":[1],\"id\":\"late\"}")).build(), Duration.ofSeconds(5));
    assertThat(JSON.readTree(reply.getData()).path("err").path("statusCode").asInt()).isEqualTo(504);
    stillServes();
  }

  /** Found by the fuzz: the log line of an expired request computed how many ms ago, and this overflowed a long. */
  @Test
  void aDeadlineLongBeforeTheEpochIsStillJustPassed() throws Exception {
    io.nats.client.impl.Headers headers = new io.nats.client.impl.Headers().add("x-deadline", String.valueOf(Long.MIN_VALUE));
    Message reply = raw.request(io.nats.client.impl.NatsMessage.builder().subject(MathPatterns.SUM).headers(headers)
        .data(utf8("{\"pattern\":{\"cmd\":\"sum\"},\"data\":[1],\"id\":\"ancient\"}")).build(), Duration.ofSeconds(5));
    assertThat(JSON.readTree(reply.getData()).path("err").path("statusCode").asInt()).isEqualTo(504);
    stillServes();
  }

  /**
   * Found by the fuzz: a reply over the NATS server's max_payload (1 MiB) was refused by jnats, and the requester
   * waited for nothing. A request within the size limit can have such a reply: {cmd:'data'} echoes its data, and
   * every 1e5 in it comes back as 100000.
   */
  @Test
  void aReplyTooLargeForNatsIsAnErrorReply() throws Exception {
    String numbers = "1e5,".repeat(50_000) + "1";
    String body = "{\"pattern\":{\"cmd\":\"data\"},\"data\":{\"n\":[" + numbers + "],\"s\":\"" + "x".repeat(1_000_000 - numbers.length())
        + "\"},\"id\":\"large\"}";
    assertThat(body.length()).isLessThan((int) raw.getMaxPayload());
    JsonNode reply = request(MathPatterns.DATA, utf8(body));
    assertThat(reply.path("id").asText()).isEqualTo("large");
    assertThat(reply.path("err").path("statusCode").asInt()).isEqualTo(413);
    assertThat(reply.path("err").path("message").asText()).contains("max_payload");
    stillServes();
  }

  /** A reply subject outside the inboxes (another service's subject, say) gets nothing published there. */
  @Test
  void aReplySubjectOutsideTheInboxesIsRefused() throws Exception {
    String victim = "victim.math-tests." + java.util.UUID.randomUUID();
    io.nats.client.Subscription watching = raw.subscribe(victim);
    raw.flush(Duration.ofSeconds(2));
    raw.publish(MathPatterns.COUNT, victim, utf8("{\"pattern\":{\"cmd\":\"count\"},\"data\":{\"to\":3},\"id\":\"r\"}"));
    raw.flush(Duration.ofSeconds(2));
    stillServes();
    assertThat(watching.nextMessage(Duration.ofMillis(500))).as("nothing reflected onto " + victim).isNull();
  }

  @Test
  void tooManyHeadersGetAnErrorReply() throws Exception {
    io.nats.client.impl.Headers headers = new io.nats.client.impl.Headers();
    for (int i = 0; i < 65; i++) {
      headers.add("x-h" + i, "v");
    }
    Message reply = raw.request(io.nats.client.impl.NatsMessage.builder().subject(MathPatterns.GET_DATA).headers(headers)
        .data(utf8("{\"pattern\":{\"cmd\":\"get_data\"},\"data\":{},\"id\":\"h2\"}")).build(), Duration.ofSeconds(5));
    JsonNode body = JSON.readTree(reply.getData());
    assertThat(body.path("id").asText()).isEqualTo("h2");
    assertThat(body.path("err").path("message").asText()).isEqualTo("metadata has 65 entries, over the limit of 64 (nest.server.metadata.max-entries)");
    stillServes();
  }
}
