package org.acme.transport.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.acme.transport.codec.MessageMetadata;
import org.acme.transport.codec.WireFormat;
import org.acme.transport.rmq.ExchangeType;

/** Which transports this service serves its message patterns on. Every server is off unless enabled. */
@ConfigMapping(prefix = "nest.server")
public interface ServerConfig {

  /** How long a handler may go without producing its next value before the request gets an error. Default 60s. */
  @WithDefault("60s")
  Duration handlerTimeout();

  /** The most values one request's reply stream may have; the handler is stopped after it, the caller told. Default 10000. */
  @WithDefault("10000")
  long maxStreamLength();

  /**
   * On SIGTERM, how long the handlers running may take to finish once every server has stopped taking messages
   * (see {@code handler.Drain}); then a request still running gets a 503 reply and an event goes back to its broker.
   * {@code quarkus.shutdown.timeout} plus this must fit in the platform's grace (k8s terminationGracePeriodSeconds,
   * compose stop_grace_period). Default 10s.
   */
  @WithDefault("10s")
  Duration drainTimeout();

  /** What a message may carry beside its data, on every transport. */
  Metadata metadata();

  Rmq rmq();

  Kafka kafka();

  interface Metadata {
    /** The most metadata entries one message may carry; a message with more gets an error reply. Default 64. */
    @WithDefault("64")
    int maxEntries();

    /** The most characters of metadata keys and values together in one message. Default 8192. */
    @WithDefault("8192")
    int maxSize();

    default MessageMetadata.Limits limits() {
      return new MessageMetadata.Limits(maxEntries(), maxSize());
    }
  }

  interface Rmq extends Toggle {
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

  interface Kafka extends Toggle {
    /** The consumer group. Default: the application name. */
    Optional<String> groupId();

    /**
     * How a record is read. {@code nest}: as Nest's ServerKafka, the value is the data (JSON, or else text) and a record
     * with Nest's correlation headers is a request. {@code raw}, for producers that know nothing of Nest: every
     * record is an event of its topic, its value must be JSON (else it is dead-lettered, not handed on as text), and
     * Nest's correlation headers are not read; other headers are still metadata. Default nest.
     */
    @WithDefault("nest")
    WireFormat format();

    /**
     * Partitions of the topics this server consumes and answers on: created with this many when missing, grown to
     * it when they have fewer (Kafka cannot shrink a topic). As many as instances of the service, so each takes
     * a share. Default 1.
     */
    @WithDefault("1")
    int partitions();

    /**
     * Records taken and not yet done, across partitions (running, or waiting behind an earlier record of their key),
     * before consumption pauses. Default 256.
     */
    @WithDefault("256")
    int maxInFlight();

    /**
     * Records one partition may hold at once, running or waiting behind an earlier record of their key: at the limit
     * that partition alone stops being fetched (the others go on) until half of them are done, so a hot key queues no
     * more than this. Records with one key are handled one after another in offset order; other keys, and records
     * without a key, in parallel. Default 128.
     */
    @WithDefault("128")
    int maxPendingPerPartition();

    /**
     * Where a group with no committed offset starts: {@code latest} (as Nest's kafkajs default) or {@code earliest}.
     * Once the group has committed, it always resumes where it stopped. Default latest.
     */
    @WithDefault("latest")
    String offsetReset();

    /**
     * How long the group waits for a silent member before giving its partitions to the others; heartbeats go every
     * tenth of it. Requests wait while partitions change hands, so this is shorter than Kafka's 45 s default,
     * which suits batch consumers rather than servers with callers waiting. Default 10s.
     */
    @WithDefault("10s")
    Duration sessionTimeout();

    /**
     * How often the depth of each served topic's dead-letter topic ({@code <topic>.dlq}) is read from the broker for
     * the gauge {@code nest.server.dead.letters{transport=kafka,queue}}. Default 15s.
     */
    @WithDefault("15s")
    Duration deadLetterPoll();
  }
}
