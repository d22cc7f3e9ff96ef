package org.acme.transport.kafka;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.acme.transport.codec.OutgoingPacket;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;

/** The server's writes: reply records in Nest's format, and dead letters. Each completes when the broker has it. */
final class KafkaReplies {

  private final Producer<byte[], byte[]> producer;
  private final Admin admin;
  private final Set<String> deadLetterTopics = ConcurrentHashMap.newKeySet();
  private final java.util.Map<String, Integer> partitionCounts = new ConcurrentHashMap<>();

  KafkaReplies(Producer<byte[], byte[]> producer, Admin admin) {
    this.producer = producer;
    this.admin = admin;
  }

  /**
   * Whether the topic has the partition, from the producer's metadata (fetched again when asked about a partition
   * beyond what it knew: topics grow). Blocks while metadata is fetched: call it on a worker.
   */
  Uni<Boolean> hasPartition(String topic, int partition) {
    return Uni.createFrom().item(() -> {
      Integer known = partitionCounts.get(topic);
      if (known == null || partition >= known) {
        known = producer.partitionsFor(topic).size();
        partitionCounts.put(topic, known);
      }
      return partition >= 0 && partition < known;
    });
  }

  /** One reply packet: value and headers as a Nest ClientKafka reads them. */
  Uni<Void> reply(String topic, Integer partition, String correlationId, OutgoingPacket packet) {
    RecordHeaders headers = new RecordHeaders();
    headers.add(KafkaWire.CORRELATION_ID, correlationId.getBytes(StandardCharsets.UTF_8));
    byte[] value = null;
    if (packet.isError()) {
      headers.add(KafkaWire.ERR, KafkaWire.encodeError(packet.err()));
    } else {
      value = KafkaWire.encode(packet.response());
    }
    if (packet.disposed()) {
      headers.add(KafkaWire.IS_DISPOSED, KafkaWire.DISPOSED);
    }
    return send(new ProducerRecord<>(topic, partition, null, null, value, headers));
  }

  /** Parks a record nobody can handle on {@code <route>.dlq}, with its headers and the reason, so it is not lost. */
  Uni<Void> deadLetter(String route, byte[] key, byte[] value, RecordHeaders headers, String reason) {
    String topic = KafkaWire.deadLetterTopic(route);
    return Uni.createFrom().item(() -> {
      if (!deadLetterTopics.contains(topic)) {
        KafkaTopics.ensure(admin, Set.of(topic), Optional.empty());
        deadLetterTopics.add(topic);
      }
      headers.add(KafkaWire.DEAD_LETTER_REASON, reason.getBytes(StandardCharsets.UTF_8));
      return new ProducerRecord<>(topic, null, null, key, value, headers);
    }).chain(this::send);
  }

  private Uni<Void> send(ProducerRecord<byte[], byte[]> record) {
    return Uni.createFrom().emitter(emitter -> producer.send(record, (metadata, failure) -> {
      if (failure != null) {
        Log.warnf("Kafka server: could not write to %s: %s", record.topic(), failure.toString());
        emitter.fail(failure);
      } else {
        emitter.complete(null);
      }
    }));
  }
}
