package org.acme.math;

import static org.assertj.core.api.Assertions.assertThat;

import io.nats.client.Connection;
import io.nats.client.Dispatcher;
import io.nats.client.Nats;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.acme.transport.client.MessageOptions;
import org.acme.transport.client.NestClients;
import org.acme.transport.testing.NestPeers;
import org.junit.jupiter.api.Test;

/** Nest 11's per-pattern extras on our servers: {@code @MessagePattern(qos = ...)} on MQTT, {@code (queue = ...)} on NATS. */
@QuarkusTest
class PatternOptionsTests {

  private static final Duration WAIT = Duration.ofSeconds(10);

  private final NestClients clients;

  PatternOptionsTests(NestClients clients) {
    this.clients = clients;
  }

  /** Nest's reply to a request body: the value, disposed, with the request's id. */
  static byte[] answer(String value, byte[] request) {
    try {
      var reply = NestPeers.json().createObjectNode().put("response", value).put("isDisposed", true);
      reply.set("id", NestPeers.json().readTree(request).path("id"));
      return NestPeers.json().writeValueAsBytes(reply);
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Sent at QoS 1: the pattern subscribed at QoS 0 gets it at 0, the others at the server's QoS, 1. */
  @Test
  void anMqttPatternsQosIsItsSubscriptions() {
    MessageOptions qos1 = MessageOptions.builder().mqttQos(1).build();
    assertThat(clients.get("math-mqtt").send(PatternOptionsProbe.QOS_ZERO, 1, qos1, Integer.class).await().atMost(WAIT)).isZero();
    assertThat(clients.get("math-mqtt").send(PatternOptionsProbe.QOS_DEFAULT, 1, qos1, Integer.class).await().atMost(WAIT)).isEqualTo(1);
  }

  /**
   * A member of the pattern's own queue group takes part of its requests: the server is in that group, not in the
   * service's (were it in another group, each group would get every request, and this member all of them).
   */
  @Test
  void aNatsPatternsQueueIsItsGroup() throws Exception {
    int requests = 40;
    AtomicInteger taken = new AtomicInteger();
    try (Connection raw = Nats.connect("nats://127.0.0.1:4222")) {
      Dispatcher member = raw.createDispatcher(message -> {
        taken.incrementAndGet();
        raw.publish(message.getReplyTo(), answer("raw", message.getData()));
      });
      member.subscribe(PatternOptionsProbe.NATS_QUEUE, PatternOptionsProbe.NATS_QUEUE_GROUP);
      raw.flush(WAIT);
      List<String> answers = Uni.join().all(IntStream.range(0, requests)
          .mapToObj(i -> clients.get("math-nats").send(PatternOptionsProbe.NATS_QUEUE, i, String.class)).toList())
          .andFailFast().await().atMost(WAIT);
      assertThat(answers).contains("java", "raw");
      assertThat(taken.get()).as("requests the other member of the group took").isBetween(1, requests - 1);
    }
  }
}
