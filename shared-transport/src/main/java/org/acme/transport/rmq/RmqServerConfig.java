package org.acme.transport.rmq;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.Map;
import java.util.Optional;
import org.acme.transport.codec.WireFormat;
import org.acme.transport.config.Toggle;

/** Nest's RMQ transport, server side ({@link RmqServer}): off unless enabled. */
@ConfigMapping(prefix = "nest.server.rmq")
public interface RmqServerConfig extends Toggle {

  /** The durable queue this service consumes (Nest's {@code queue} option). Must match the clients'. */
  @WithDefault("nest_queue")
  String queue();

  /**
   * Unacknowledged messages in flight at once for this server's consumer (Nest's {@code prefetchCount}, per consumer
   * as Nest's {@code isGlobalPrefetchCount=false}): the broker hands out no more until one is acknowledged, so a slow
   * handler leaves the rest in the queue for other instances. Default 32 (Nest's 0 means no limit at all).
   */
  @WithDefault("32")
  int prefetch();

  /**
   * Nest's {@code exchange}: an exchange the queue is bound to, so messages published there (with a matching routing
   * key) reach this server. Declared durable unless {@code no-assert}. Default none; with {@code wildcards} and no
   * exchange, the queue's name (as in Nest).
   */
  Optional<String> exchange();

  /** Nest's {@code exchangeType}: direct, topic, fanout or headers. Default topic, as in Nest. */
  @WithDefault("topic")
  ExchangeType exchangeType();

  /**
   * Nest's {@code queueOptions.arguments}: the queue's arguments, declared with it ({@code x-queue-type=quorum},
   * {@code x-max-length=10000}, {@code x-message-ttl=60000}, ...). A whole number is sent as a number, true/false as a
   * boolean, anything else as text. Every declaration must agree, so a Nest server or client that declares the
   * queue needs the same. Default none (amqplib's defaults, as Nest declares it without options).
   */
  Map<String, String> queueArguments();

  /** Nest's {@code exchangeArguments}: the exchange's arguments ({@code alternate-exchange=...}), typed likewise. Default none. */
  Map<String, String> exchangeArguments();

  /**
   * Nest's {@code routingKey}: the queue is bound to the exchange with it (a topic exchange takes {@code *} and
   * {@code #}); a fanout exchange is bound with the empty key whatever this says. Default none.
   */
  Optional<String> routingKey();

  /**
   * Nest's {@code wildcards}: the queue is bound to the exchange with every route this service handles, so a client
   * publishing to the exchange with the pattern as routing key (Nest's client with {@code wildcards}, ours with
   * {@code nest.client.<name>.wildcards}) reaches it; routes holding {@code *} or {@code #} words take every pattern
   * they match as a topic exchange does. A handler of the exact pattern wins over a wildcard; among wildcards the most
   * specific. Default false.
   */
  @WithDefault("false")
  boolean wildcards();

  /**
   * Nest's {@code noAssert}: declare nothing (queue, dead-letter queue, exchange), only bind and consume what an
   * administrator made, with whatever arguments they chose; a user without the {@code configure} permission needs
   * it. Something missing then stops the consumer with a clear log, as the broker refuses it. Default false.
   */
  @WithDefault("false")
  boolean noAssert();

  /**
   * How bodies are read (Nest's {@code deserializer}): {@code nest}, Nest's {@code {pattern, data, id}} envelope, or
   * {@code raw}, for producers that know nothing of Nest: the plain JSON body is the data, the routing key the
   * pattern (the queue's name through the default exchange; with an exchange, whatever the producer routed by, which
   * {@code wildcards} routes match), and every message an event (nobody to answer). A body that is not JSON is
   * dead-lettered. Default nest.
   */
  @WithDefault("nest")
  WireFormat format();

  /**
   * Where malformed messages and unhandled events go, with the reason in the {@code x-nest-error} header.
   * Default: the queue's name plus {@code .dlq}. A separate durable queue rather than an {@code x-dead-letter-exchange}
   * argument, because Nest's assertQueue (no arguments) would fail with PRECONDITION_FAILED on a queue that has one.
   */
  Optional<String> deadLetterQueue();

  /**
   * How often the dead-letter queue's depth is read from the broker for the gauge
   * {@code nest.server.dead.letters{transport=rmq,queue}}: messages waiting there for someone to look. Default 15s.
   */
  @WithDefault("15s")
  java.time.Duration deadLetterPoll();

  /**
   * Queues replies may go to besides RabbitMQ's direct reply-to ({@code amq.rabbitmq.reply-to}, which Nest uses): a
   * request whose {@code reply_to} names any other queue (another service's, say) is dead-lettered unanswered.
   * Default none.
   */
  Optional<java.util.List<String>> replyQueues();
}
