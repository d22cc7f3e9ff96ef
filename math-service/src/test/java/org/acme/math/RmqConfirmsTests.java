package org.acme.math;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.smallrye.mutiny.Uni;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.acme.transport.client.NestClient;
import org.acme.transport.client.NestClients;
import org.acme.transport.testing.SharedBrokers;
import org.junit.jupiter.api.Test;

/**
 * An emit completes on the broker's confirm of its own message. A queue that refuses publishes when full
 * ({@code x-overflow=reject-publish}, length 0) makes the broker nack what is routed to it: that one emit fails, and the
 * events published beside it still succeed, on a channel that stays open (math-service's server on the same link
 * goes on handling events). A channel-wide wait for confirms failed them all and closed the channel.
 */
@QuarkusTest
@TestProfile(RmqRawProfile.class)
class RmqConfirmsTests {

  private static final Duration WAIT = Duration.ofSeconds(10);
  private static final String REFUSED = "rmqevents.refused";

  private final NestClients clients;

  RmqConfirmsTests(NestClients clients) {
    this.clients = clients;
  }

  @Test
  void aNackFailsOnlyItsOwnEmit() throws Exception {
    String full = "math_full." + RmqTopologyProfile.SUFFIX;
    try (Connection connection = SharedBrokers.rabbit(); Channel channel = connection.createChannel()) {
      channel.queueDeclare(full, false, false, true, Map.of("x-max-length", 0L, "x-overflow", "reject-publish"));
      channel.queueBind(full, RmqRawProfile.QUEUE, REFUSED);
      NestClient client = clients.get("rmq-raw");
      List<CompletableFuture<Void>> beside = new ArrayList<>();
      for (int i = 0; i < 200; i++) {
        beside.add(emit(client, "rmqevents.beside" + i));
      }
      CompletableFuture<Void> refused = emit(client, REFUSED);
      for (int i = 200; i < 400; i++) {
        beside.add(emit(client, "rmqevents.beside" + i));
      }

      assertThat(refused).failsWithin(WAIT).withThrowableOfType(ExecutionException.class).withMessageContaining("nack");
      CompletableFuture.allOf(beside.toArray(CompletableFuture[]::new)).get(WAIT.toSeconds(), TimeUnit.SECONDS);
      // the link's channel is still the one the server consumes on: the next event is handled
      emit(client, "rmqevents.afterNack").get(WAIT.toSeconds(), TimeUnit.SECONDS);
      await().atMost(WAIT).until(() -> RmqTopologyProbe.EVENTS_SEEN.containsKey("rmqevents.afterNack"));
      channel.queueDelete(full);
    }
  }

  private static CompletableFuture<Void> emit(NestClient client, String pattern) {
    Uni<Void> sent = client.emit(pattern, Map.of("n", pattern));
    return sent.subscribeAsCompletionStage();
  }
}
