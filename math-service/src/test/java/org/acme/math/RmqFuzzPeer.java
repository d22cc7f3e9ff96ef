package org.acme.math;

import static org.assertj.core.api.Assertions.assertThat;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import org.acme.transport.testing.FuzzFrames;
import org.acme.transport.testing.SharedBrokers;

/**
 * The fuzz on RabbitMQ: hostile messages on the service's queue with hostile properties (headers of every AMQP type,
 * odd correlation ids), asking for replies by direct reply-to (read here), not at all, on a direct reply-to name that
 * is no consumer's, or on another queue, into which nothing may arrive.
 */
final class RmqFuzzPeer implements HostilePeer {

  private static final String DIRECT = "amq.rabbitmq.reply-to";
  private final String queue;
  private FuzzFrames fuzz;
  private Connection connection;
  private Channel channel;
  private String victim;

  RmqFuzzPeer(String queue) {
    this.queue = queue;
  }

  @Override
  public String transport() {
    return "rmq";
  }

  @Override
  public void open(FuzzFrames fuzz, Consumer<String> replies) throws Exception {
    this.fuzz = fuzz;
    connection = SharedBrokers.rabbit();
    channel = connection.createChannel();
    channel.basicConsume(DIRECT, true, (tag, delivery) -> replies.accept(new String(delivery.getBody(), StandardCharsets.UTF_8)), tag -> { });
    victim = channel.queueDeclare("victim.math-fuzz." + UUID.randomUUID(), false, true, true, null).getQueue();
  }

  @Override
  public void sendHostile() throws Exception {
    AMQP.BasicProperties props = new AMQP.BasicProperties.Builder()
        .replyTo(switch (fuzz.nextInt(10)) {
          case 0, 1 -> null;
          case 2 -> victim;
          case 3 -> fuzz.pick(List.of(DIRECT + ".no-such-consumer", DIRECT + ".", ""));
          default -> DIRECT;
        })
        .correlationId(fuzz.chance(85) ? "f" + fuzz.nextInt(1_000_000) : fuzz.pick(List.of("", "x".repeat(255), "caf\u00e9")))
        .deliveryMode(fuzz.chance(50) ? 1 : 2)
        .contentType(fuzz.chance(80) ? null : fuzz.pick(List.of("application/json", "text/plain", "\u0000")))
        .headers(headers())
        .build();
    channel.basicPublish("", queue, props, fuzz.message(fuzz.route()));
  }

  /** The fuzz's headers, and now and then values no header of text has: numbers, bytes, tables, lists. */
  private Map<String, Object> headers() {
    Map<String, Object> headers = new HashMap<>(fuzz.headers());
    if (fuzz.chance(10)) {
      headers.put("x-typed", fuzz.pick(List.of(42, -1L, 3.5, true, new BigDecimal("1e-100"), new byte[] {0, (byte) 0xff},
          Map.of("nested", "table"), List.of("a", 1))));
    }
    return headers.isEmpty() ? null : headers;
  }

  @Override
  public void close() throws Exception {
    try {
      assertThat(channel.messageCount(victim)).as("replies reflected into another queue; %s", FuzzFrames.replay()).isZero();
    } finally {
      connection.close();
    }
  }
}
