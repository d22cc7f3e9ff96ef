package org.acme.math;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.acme.contracts.math.MathPatterns;
import org.acme.transport.client.NestClients;
import org.acme.transport.testing.LogCapture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Bad input on a channel transport (Redis, MQTT), published raw on the {@code multiply} channel or topic. What has
 * no id cannot be answered: it is logged and dropped (stock Nest would run the handler with it as an event). What
 * has an id gets an error reply on the reply channel. Each time, the service goes on answering.
 */
abstract class ChannelBadInputContract {

  static final Duration WAIT = Duration.ofSeconds(5);
  private static final ObjectMapper JSON = new ObjectMapper();

  protected final NestClients clients;
  protected final List<String> replies = new CopyOnWriteArrayList<>();
  private LogCapture log;

  ChannelBadInputContract(NestClients clients) {
    this.clients = clients;
  }

  /** tcp, redis, ...: the client {@code math-<transport>} checks the service still answers. */
  protected abstract String transport();

  /** How the server names the channel in its log lines, e.g. "Redis channel multiply". */
  protected abstract String logPrefix();

  /** The server class whose log lines are checked. */
  protected abstract Class<?> server();

  /** Starts listening on the reply channel of {@code multiply}, into {@link #replies}. */
  protected abstract void listenForReplies();

  protected abstract void stopListening();

  /** Publishes raw bytes on the {@code multiply} channel. */
  protected abstract void publish(byte[] body);

  @BeforeEach
  void listen() {
    listenForReplies();
    log = LogCapture.of(server());
  }

  @AfterEach
  void stop() {
    stopListening();
    log.close();
  }

  private void publish(String body) {
    publish(body.getBytes(StandardCharsets.UTF_8));
  }

  private void loggedAndStillServes(String logged) {
    await().atMost(WAIT).until(() -> log.lines().stream().anyMatch(line -> line.contains(logged)));
    assertThat(clients.get("math-" + transport()).send(MathPatterns.MULTIPLY, Map.of("a", 6, "b", 7), Integer.class).await().atMost(WAIT))
        .isEqualTo(42);
    assertThat(replies).as("nothing it could not correlate was answered").noneMatch(r -> r.contains("\"err\""));
  }

  private JsonNode replyTo(String id) throws Exception {
    await().atMost(WAIT).until(() -> replies.stream().anyMatch(r -> r.contains(id)));
    return JSON.readTree(replies.stream().filter(r -> r.contains(id)).findFirst().orElseThrow());
  }

  @Test
  void garbageBytesAreLoggedAndDropped() {
    publish(new byte[] {(byte) 0xff, 0x00, 0x13, (byte) 0xc3});
    loggedAndStillServes(logPrefix() + ": dropping a message nobody can answer (the packet is not valid JSON");
  }

  @Test
  void invalidJsonIsLoggedAndDropped() {
    publish("{\"pattern\":\"multiply\",\"data\":{\"a\":1");
    loggedAndStillServes(logPrefix() + ": dropping a message nobody can answer (the packet is not valid JSON");
  }

  @Test
  void anEnvelopeWithoutIdIsLoggedAndDropped() {
    publish("{\"pattern\":\"multiply\",\"data\":{\"a\":2,\"b\":3}}");
    loggedAndStillServes(logPrefix() + ": dropping a message without an id");
  }

  @Test
  void aRequestWithoutPatternGetsAnErrorReply() throws Exception {
    String id = "bad-" + UUID.randomUUID();
    publish("{\"data\":{\"a\":2,\"b\":3},\"id\":\"" + id + "\"}");
    JsonNode reply = replyTo(id);
    assertThat(reply.path("err").path("status").asText()).isEqualTo("error");
    assertThat(reply.path("err").path("message").asText()).contains("has no pattern");
    assertThat(reply.path("isDisposed").asBoolean()).isTrue();
    replies.clear();
    loggedAndStillServes("request \"" + id + "\"");
  }

  /** A request with bad metadata gets an error reply naming the rule it breaks, and the service goes on. */
  private void answeredWithError(String metadata, String messageEnd) throws Exception {
    String id = "bad-" + UUID.randomUUID();
    publish("{\"pattern\":\"multiply\",\"data\":{\"a\":2,\"b\":3},\"metadata\":" + metadata + ",\"id\":\"" + id + "\"}");
    JsonNode reply = replyTo(id);
    assertThat(reply.path("err").path("message").asText()).endsWith(messageEnd);
    assertThat(reply.path("isDisposed").asBoolean()).isTrue();
    replies.clear();
    loggedAndStillServes("request \"" + id + "\"");
  }

  @Test
  void metadataThatIsNotAMapOfStringsGetsAnErrorReply() throws Exception {
    answeredWithError("{\"n\":1}", "metadata 'n' is number; values are strings");
  }

  @Test
  void metadataOverTheLimitGetsAnErrorReply() throws Exception {
    StringBuilder metadata = new StringBuilder("{");
    for (int i = 0; i < 65; i++) {
      metadata.append(i == 0 ? "" : ",").append("\"k").append(i).append("\":\"v\"");
    }
    answeredWithError(metadata + "}", "metadata has 65 entries, over the limit of 64 (nest.server.metadata.max-entries)");
  }

  @Test
  void aMetadataValueWithAControlCharacterGetsAnErrorReply() throws Exception {
    answeredWithError("{\"x-id\":\"a\\r\\nb\"}", "metadata 'x-id' has the character U+000D in its value; values are printable ASCII (encode anything else)");
  }

  @Test
  void aRequestWhoseDeadlinePassedIsAnsweredNotStarted() throws Exception {
    String id = "late-" + UUID.randomUUID();
    publish("{\"pattern\":\"multiply\",\"data\":{\"a\":2,\"b\":3},\"metadata\":{\"x-deadline\":\"" + (System.currentTimeMillis() - 1)
        + "\"},\"id\":\"" + id + "\"}");
    JsonNode reply = replyTo(id);
    assertThat(reply.path("err").path("statusCode").asInt()).isEqualTo(504);
    assertThat(reply.path("err").path("message").asText()).isEqualTo("the request's deadline passed before it was started");
  }

  @Test
  void anEventWithBadMetadataIsLoggedAndDropped() {
    publish("{\"pattern\":\"multiply\",\"data\":{\"a\":2,\"b\":3},\"metadata\":[\"x\"]}");
    loggedAndStillServes(logPrefix() + ": dropping a message nobody can answer (metadata must be an object of strings, got array)");
  }

  @Test
  void aRequestWithoutDataGetsAnErrorReply() throws Exception {
    String id = "bad-" + UUID.randomUUID();
    publish("{\"pattern\":\"multiply\",\"id\":\"" + id + "\"}");
    assertThat(replyTo(id).path("err").path("message").asText()).contains("has no data");
    replies.clear();
    loggedAndStillServes("request \"" + id + "\"");
  }
}
