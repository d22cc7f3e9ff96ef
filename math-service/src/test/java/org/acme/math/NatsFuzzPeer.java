package org.acme.math;

import static org.assertj.core.api.Assertions.assertThat;

import io.nats.client.Connection;
import io.nats.client.Dispatcher;
import io.nats.client.Nats;
import io.nats.client.Subscription;
import io.nats.client.impl.Headers;
import io.nats.client.impl.NatsMessage;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import org.acme.transport.testing.FuzzFrames;

/**
 * The fuzz on NATS: hostile messages on every route's subject, with hostile headers, asking for replies on an inbox
 * (read here), on nothing, on odd inbox names, or on another subject that is no inbox, where nothing may arrive.
 */
final class NatsFuzzPeer implements HostilePeer {

  private static final String VICTIM = "victim.math-fuzz";
  private final String url;
  private FuzzFrames fuzz;
  private Connection raw;
  private Subscription victim;
  private int refusedByClient;

  NatsFuzzPeer(String url) {
    this.url = url;
  }

  @Override
  public String transport() {
    return "nats";
  }

  @Override
  public void open(FuzzFrames fuzz, Consumer<String> replies) throws Exception {
    this.fuzz = fuzz;
    raw = Nats.connect(url);
    Dispatcher inbox = raw.createDispatcher(message -> replies.accept(new String(message.getData(), StandardCharsets.UTF_8)));
    inbox.subscribe("_INBOX.fuzz.>");
    victim = raw.subscribe(VICTIM + ".>");
    raw.flush(Duration.ofSeconds(5));
  }

  @Override
  public void sendHostile() {
    String route = fuzz.route();
    String replyTo = switch (fuzz.nextInt(10)) {
      case 0, 1 -> null;
      case 2 -> VICTIM + "." + fuzz.nextInt(1000);
      case 3 -> fuzz.pick(List.of("_INBOX.", "_INBOX.fuzz.*", "_INBOX.fuzz.>", "_INBOX.fuzz..x", "_INBOX.fuzz.a b"));
      default -> "_INBOX.fuzz." + fuzz.nextInt(1_000_000);
    };
    Headers headers = new Headers();
    fuzz.headers().forEach((key, value) -> {
      try {
        headers.add(key, value);
      } catch (IllegalArgumentException notAHeader) {
        refusedByClient++; // jnats will not send it: nothing the server could see
      }
    });
    try {
      raw.publish(NatsMessage.builder().subject(route).replyTo(replyTo).headers(headers).data(fuzz.message(route)).build());
    } catch (IllegalArgumentException notSent) {
      refusedByClient++;
    }
  }

  @Override
  public void close() throws Exception {
    raw.flush(Duration.ofSeconds(5));
    try {
      assertThat(victim.nextMessage(Duration.ofMillis(500))).as("a reply reflected onto %s; %s", VICTIM, FuzzFrames.replay()).isNull();
    } finally {
      raw.close();
      System.out.printf("fuzz nats: %d headers or messages jnats would not send%n", refusedByClient);
    }
  }
}
