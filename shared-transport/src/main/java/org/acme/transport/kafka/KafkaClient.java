package org.acme.transport.kafka;

import com.fasterxml.jackson.databind.JsonNode;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.acme.transport.Transport;
import org.acme.transport.broker.BrokerUnavailableException;
import org.acme.transport.client.Deadline;
import org.acme.transport.client.MessageOptions;
import org.acme.transport.client.NestClient;
import org.acme.transport.client.PendingReplies;
import org.acme.transport.client.RequestIds;
import org.acme.transport.codec.NestCodec;
import org.acme.transport.codec.OutgoingPacket;
import org.acme.transport.codec.PatternRoutes;
import org.acme.transport.config.ClientsConfig;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * Nest's {@code ClientKafka}, without {@code subscribeToResponseOf}: the reply topic of a pattern is read the
 * first time the pattern is used, from its end, before the request goes out. Requests carry Nest's three
 * correlation headers; events carry none. Every request has the client's deadline.
 */
final class KafkaClient implements NestClient {

  private final ClientsConfig.Client config;
  private final Admin admin;
  private final KafkaProducer<byte[], byte[]> producer;
  private final KafkaReplyListener replies;
  private final Thread replyThread;
  private final PendingReplies pending = new PendingReplies(Transport.KAFKA);
  private final Set<String> knownTopics = ConcurrentHashMap.newKeySet();
  private final String address;

  KafkaClient(String name, ClientsConfig.Client config, KafkaLink link, KafkaProducer<byte[], byte[]> producer,
      KafkaConsumer<byte[], byte[]> replyConsumer) {
    this.config = config;
    this.admin = link.admin();
    this.address = link.address();
    this.producer = producer;
    this.replies = new KafkaReplyListener(replyConsumer, this::prepareReplyTopic, this::onReply);
    this.replyThread = new Thread(replies, "nest-kafka-client-" + name);
    replyThread.setDaemon(true);
    replyThread.start();
  }

  @Override
  public String transport() {
    return Transport.KAFKA.tag();
  }

  /**
   * Metadata travels as record headers (Nest 12's Kafka client has no place for its packet metadata; a Nest handler
   * reads headers from {@code getMessage().headers}), beside Nest's correlation headers. The options' key and
   * partition go on the record.
   */
  @Override
  public Multi<JsonNode> stream(String pattern, Object data, MessageOptions given) {
    Deadline deadline = Deadline.of(given, config.timeout());
    MessageOptions options = deadline.stamp(given);
    String route;
    try {
      route = topicOf(pattern);
    } catch (IllegalArgumentException e) {
      return Multi.createFrom().failure(e);
    }
    String replyTopic = KafkaWire.replyTopic(route);
    byte[] value = KafkaWire.encode(NestCodec.json().valueToTree(data));
    return pending.request(RequestIds.next(), route, deadline.remaining(), id -> Uni.createFrom()
        .completionStage(() -> replies.listen(replyTopic))
        .emitOn(Infrastructure.getDefaultExecutor())
        .chain(partition -> {
          RecordHeaders headers = headers(options);
          headers.add(KafkaWire.CORRELATION_ID, bytes(id));
          headers.add(KafkaWire.REPLY_TOPIC, bytes(replyTopic));
          headers.add(KafkaWire.REPLY_PARTITION, bytes(Integer.toString(partition)));
          return send(record(route, value, headers, options));
        })
        .subscribe().with(sent -> { }, failure -> pending.fail(id, unavailable(failure))));
  }

  @Override
  public Uni<Void> emit(String pattern, Object data, MessageOptions options) {
    String route;
    try {
      route = topicOf(pattern);
    } catch (IllegalArgumentException e) {
      return Uni.createFrom().failure(e);
    }
    byte[] value = KafkaWire.encode(NestCodec.json().valueToTree(data));
    return Uni.createFrom().item(() -> {
      ensureTopic(route);
      return record(route, value, headers(options), options);
    }).runSubscriptionOn(Infrastructure.getDefaultExecutor())
        .chain(this::send)
        .onFailure().transform(this::unavailable);
  }

  private static RecordHeaders headers(MessageOptions options) {
    RecordHeaders headers = new RecordHeaders();
    options.metadata().forEach((key, value) -> {
      if (KafkaWire.isControlHeader(key)) {
        throw new IllegalArgumentException("metadata key " + key + ": the kafka_ prefix is Nest's (and Spring's) own, for correlation");
      }
      headers.add(key, bytes(value));
    });
    return headers;
  }

  private static ProducerRecord<byte[], byte[]> record(String topic, byte[] value, RecordHeaders headers, MessageOptions options) {
    byte[] key = options.kafka().key() == null ? null : bytes(options.kafka().key());
    return new ProducerRecord<>(topic, options.kafka().partition(), null, key, value, headers);
  }

  private static String topicOf(String pattern) {
    String route = PatternRoutes.route(pattern);
    if (!KafkaWire.isLegalTopic(route) || !KafkaWire.isLegalTopic(KafkaWire.replyTopic(route))) {
      throw new IllegalArgumentException("pattern " + pattern + " is not a legal Kafka topic name ([a-zA-Z0-9._-]); use a string alias");
    }
    return route;
  }

  /** Request topic and reply topic exist (Nest servers need both), and the partitions to read replies on. */
  private List<Integer> prepareReplyTopic(String replyTopic) {
    ensureTopic(replyTopic.substring(0, replyTopic.length() - ".reply".length()));
    ensureTopic(replyTopic);
    return KafkaTopics.partitions(admin, replyTopic);
  }

  private void ensureTopic(String topic) {
    if (!knownTopics.contains(topic)) {
      KafkaTopics.ensure(admin, Set.of(topic), Optional.empty());
      knownTopics.add(topic);
    }
  }

  private void onReply(ConsumerRecord<byte[], byte[]> record) {
    String id = KafkaWire.header(record.headers(), KafkaWire.CORRELATION_ID);
    if (id == null || !pending.isPending(id)) {
      return; // another client's reply, or a late one
    }
    boolean disposed = record.headers().lastHeader(KafkaWire.IS_DISPOSED) != null;
    var err = record.headers().lastHeader(KafkaWire.ERR);
    OutgoingPacket packet = err != null
        ? OutgoingPacket.error(KafkaWire.decode(err.value()))
        : OutgoingPacket.value(record.value() == null ? null : KafkaWire.decode(record.value()), disposed);
    pending.accept(id, packet);
  }

  private Uni<Void> send(ProducerRecord<byte[], byte[]> record) {
    return Uni.createFrom().emitter(emitter -> producer.send(record, (metadata, failure) -> {
      if (failure != null) {
        emitter.fail(failure);
      } else {
        emitter.complete(null);
      }
    }));
  }

  private Throwable unavailable(Throwable failure) {
    if (failure instanceof IllegalArgumentException) {
      return failure;
    }
    BrokerUnavailableException e = new BrokerUnavailableException(Transport.KAFKA, address);
    e.initCause(failure);
    return e;
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  void close() {
    replies.close();
    try {
      replyThread.join(3000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    producer.close(Duration.ofSeconds(2));
  }
}
