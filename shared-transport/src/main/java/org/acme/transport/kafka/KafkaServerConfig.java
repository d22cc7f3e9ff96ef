package org.acme.transport.kafka;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;
import org.acme.transport.codec.WireFormat;
import org.acme.transport.config.Toggle;

/** Nest's Kafka transport, server side ({@link KafkaServer}): off unless enabled. */
@ConfigMapping(prefix = "nest.server.kafka")
public interface KafkaServerConfig extends Toggle {

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
