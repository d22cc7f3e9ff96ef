package org.acme.transport.kafka;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.acme.transport.Transport;
import org.acme.transport.codec.MalformedPacketException;
import org.acme.transport.codec.MessageMetadata;
import org.acme.transport.codec.NestError;
import org.acme.transport.codec.OutgoingPacket;
import org.acme.transport.codec.WireFormat;
import org.acme.transport.handler.Drain;
import org.acme.transport.handler.MessageContext;
import org.acme.transport.handler.MessageRouter;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * Handles one consumed record as Nest's ServerKafka would, minus its traps: the topic is the pattern; a record
 * with {@code kafka_correlationId} and {@code kafka_replyTopic} is a request, anything else an event. The returned
 * Uni completes when the work is done and every reply is on the broker; it never fails, so the record's offset
 * can always be committed and no record becomes a poison pill.
 */
final class KafkaRecordHandler {

  private final MessageRouter router;
  private final KafkaReplies replies;
  private final MeterRegistry meters;
  private final MessageMetadata.Limits limits;
  private final WireFormat format;

  KafkaRecordHandler(MessageRouter router, KafkaReplies replies, MeterRegistry meters, MessageMetadata.Limits limits, WireFormat format) {
    this.limits = limits;
    this.format = format;
    this.router = router;
    this.replies = replies;
    this.meters = meters;
  }

  Uni<Void> handle(ConsumerRecord<byte[], byte[]> record) {
    Uni<Void> work;
    try {
      // raw: nobody to answer, whatever the headers say
      String correlationId = format == WireFormat.RAW ? null : KafkaWire.header(record.headers(), KafkaWire.CORRELATION_ID);
      String replyTopic = format == WireFormat.RAW ? null : KafkaWire.header(record.headers(), KafkaWire.REPLY_TOPIC);
      work = correlationId != null && replyTopic != null
          ? request(record, correlationId, replyTopic)
          : event(record, correlationId);
    } catch (RuntimeException e) {
      work = Uni.createFrom().failure(e);
    }
    return work.onFailure().recoverWithUni(failure -> {
      if (failure instanceof Drain.HandedBack) {
        // still running when the service stopped: left unfinished, so its offset is not committed and the partition's
        // next owner handles it again
        Log.infof("Kafka server: record %s still running at shutdown; left for the next owner of its partition", where(record));
        return Uni.createFrom().nothing();
      }
      Log.errorf("Kafka server: record %s gave up: %s", where(record), failure.toString());
      meters.counter("nest.server.kafka.failed", "topic", record.topic()).increment();
      return Uni.createFrom().voidItem();
    });
  }

  /**
   * Replies go only to the route's own reply topic, and to a partition it has: a request that names another topic
   * (another service's, say) or a partition that does not exist (the producer would block for it) is dead-lettered,
   * unanswered, and counted. The partition is looked up when the work runs, on a worker, never on the poll thread.
   */
  private Uni<Void> request(ConsumerRecord<byte[], byte[]> record, String correlationId, String replyTopic) {
    if (!replyTopic.equals(KafkaWire.replyTopic(record.topic()))) {
      router.refusedReply(Transport.KAFKA.tag(), record.topic(), replyTopic);
      return deadLetter(record, KafkaWire.REPLY_TOPIC + " " + replyTopic + " is not " + KafkaWire.replyTopic(record.topic()));
    }
    Integer partition = replyPartition(record);
    if (partition == null) {
      return answer(record, correlationId, replyTopic, null);
    }
    return replies.hasPartition(replyTopic, partition).chain(exists -> {
      if (exists) {
        return answer(record, correlationId, replyTopic, partition);
      }
      router.refusedReply(Transport.KAFKA.tag(), record.topic(), replyTopic + "-" + partition);
      return deadLetter(record, KafkaWire.REPLY_PARTITION + " " + partition + " does not exist in " + replyTopic);
    });
  }

  private Uni<Void> answer(ConsumerRecord<byte[], byte[]> record, String correlationId, String replyTopic, Integer partition) {
    if (record.value() != null && router.tooLarge(Transport.KAFKA.tag(), record.topic(), record.value().length)) {
      return replies.reply(replyTopic, partition, correlationId, OutgoingPacket.error(router.tooLargeError(record.value().length)));
    }
    JsonNode data;
    Map<String, String> metadata;
    try {
      metadata = KafkaWire.metadata(record.headers(), limits);
      data = KafkaWire.decode(record.value());
    } catch (MalformedPacketException e) {
      Log.warnf("Kafka server: request %s on %s: %s; answering with an error", correlationId, where(record), e.getMessage());
      meters.counter("nest.server.kafka.malformed", "topic", record.topic()).increment();
      return replies.reply(replyTopic, partition, correlationId, OutgoingPacket.error(NestError.of(400, e.getMessage())));
    }
    if (data.isTextual() && looksLikeJson(data.textValue())) {
      // raw text is legitimate (Nest sends strings unquoted), but this was meant to be JSON: say so
      Log.infof("Kafka server: request %s on %s: the value is not valid JSON, handing it on as text", correlationId, where(record));
    }
    return router.request(record.topic(), data, context(record, metadata))
        .onItem().transformToUniAndConcatenate(packet -> replies.reply(replyTopic, partition, correlationId, packet))
        .collect().last().replaceWithVoid();
  }

  private Uni<Void> event(ConsumerRecord<byte[], byte[]> record, String correlationId) {
    String route = record.topic();
    if (correlationId != null) {
      return deadLetter(record, "a request without " + KafkaWire.REPLY_TOPIC + " cannot be answered");
    }
    if (!router.handlers().hasEventHandler(route)) {
      return deadLetter(record, "an event on " + route + ", which has no event handler (a request needs "
          + KafkaWire.CORRELATION_ID + " and " + KafkaWire.REPLY_TOPIC + " headers)");
    }
    if (record.value() != null && router.tooLarge(Transport.KAFKA.tag(), route, record.value().length)) {
      return deadLetter(record, router.tooLargeError(record.value().length).message());
    }
    JsonNode data;
    Map<String, String> metadata;
    try {
      metadata = KafkaWire.metadata(record.headers(), limits);
      data = format == WireFormat.RAW ? rawData(record) : KafkaWire.decode(record.value());
    } catch (MalformedPacketException e) {
      return deadLetter(record, e.getMessage());
    }
    // a failing handler is not retried (no poison-pill loop) but parked, so the event is not lost with the commit
    return router.event(route, data, context(record, metadata))
        .chain(failure -> failure.map(reason -> deadLetter(record, "the event handler failed: " + reason))
            .orElseGet(() -> Uni.createFrom().voidItem()));
  }

  /** A raw record's value: JSON, strictly (a plain producer that wrote something else made a mistake to be seen). */
  private JsonNode rawData(ConsumerRecord<byte[], byte[]> record) {
    if (record.value() == null) {
      throw new MalformedPacketException("the record has no value");
    }
    return WireFormat.RAW.read(KafkaWire.utf8(record.value()), record.topic(), limits).data();
  }

  private Uni<Void> deadLetter(ConsumerRecord<byte[], byte[]> record, String reason) {
    Log.warnf("Kafka server: dead-lettering %s to %s: %s", where(record), KafkaWire.deadLetterTopic(record.topic()), reason);
    meters.counter("nest.server.kafka.dead.letters", "topic", record.topic()).increment();
    return replies.deadLetter(record.topic(), record.key(), record.value(), new RecordHeaders(record.headers().toArray()), reason);
  }

  private static boolean looksLikeJson(String text) {
    String trimmed = text.strip();
    return trimmed.startsWith("{") || trimmed.startsWith("[");
  }

  private static Integer replyPartition(ConsumerRecord<byte[], byte[]> record) {
    String text = KafkaWire.header(record.headers(), KafkaWire.REPLY_PARTITION);
    if (text == null) {
      return null;
    }
    try {
      // Nest reads it with parseFloat; a decimal string is what every Nest client sends
      double value = Double.parseDouble(text.trim());
      if (value >= 0 && value == Math.rint(value) && value <= Integer.MAX_VALUE) {
        return (int) value;
      }
    } catch (NumberFormatException ignored) {
      // fall through: let the producer pick, and say so
    }
    Log.warnf("Kafka server: ignoring %s '%s' on %s: not a partition number", KafkaWire.REPLY_PARTITION, text, where(record));
    return null;
  }

  private static MessageContext context(ConsumerRecord<byte[], byte[]> record, Map<String, String> sent) {
    Map<String, Object> metadata = new LinkedHashMap<>();
    metadata.put("topic", record.topic());
    metadata.put("partition", record.partition());
    metadata.put("offset", record.offset());
    if (record.key() != null) {
      metadata.put("key", new String(record.key(), StandardCharsets.UTF_8));
    }
    metadata.put("headers", KafkaWire.headerMap(record.headers()));
    metadata.put("timestamp", record.timestamp());
    return new MessageContext(record.topic(), Transport.KAFKA.tag(), sent, metadata, record);
  }

  private static String where(ConsumerRecord<?, ?> record) {
    return record.topic() + "-" + record.partition() + "@" + record.offset();
  }
}
