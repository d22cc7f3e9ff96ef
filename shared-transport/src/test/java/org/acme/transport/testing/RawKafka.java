package org.acme.transport.testing;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.errors.WakeupException;

/**
 * A bare Kafka peer for tests: writes any bytes and headers, and records everything that arrives on the topics it
 * watches (created if missing, read from their end, no consumer group, so it takes nothing from anyone else).
 */
public final class RawKafka implements AutoCloseable {

  private final KafkaProducer<byte[], byte[]> producer;
  private final KafkaConsumer<byte[], byte[]> consumer;
  private final Queue<ConsumerRecord<byte[], byte[]>> seen = new ConcurrentLinkedQueue<>();
  private final Thread reader;
  private volatile boolean running = true;

  public RawKafka(String bootstrap, List<String> watched) {
    this(bootstrap, watched, null);
  }

  /** The same, handing each record to {@code onRecord} instead of keeping it (a fuzz sees thousands). */
  public RawKafka(String bootstrap, List<String> watched, Consumer<ConsumerRecord<byte[], byte[]>> onRecord) {
    Consumer<ConsumerRecord<byte[], byte[]>> arrived = onRecord == null ? seen::add : onRecord;
    ensureTopics(bootstrap, watched);
    producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap),
        new ByteArraySerializer(), new ByteArraySerializer());
    consumer = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap),
        new ByteArrayDeserializer(), new ByteArrayDeserializer());
    List<TopicPartition> partitions = new ArrayList<>();
    watched.forEach(t -> partitionsOf(t).forEach(p -> partitions.add(new TopicPartition(t, p))));
    consumer.assign(partitions);
    consumer.seekToEnd(partitions);
    // seekToEnd is lazy: asking the positions now pins "the end" to before the test's first record
    partitions.forEach(consumer::position);
    reader = new Thread(() -> {
      try {
        while (running) {
          consumer.poll(Duration.ofMillis(100)).forEach(arrived);
        }
      } catch (WakeupException closing) {
        // close()
      } finally {
        consumer.close();
      }
    }, "raw-kafka-reader");
    reader.setDaemon(true);
    reader.start();
  }

  /**
   * A topic created a moment ago may not be in the metadata yet, and an empty answer would leave it unwatched
   * without a word (seen on a fresh broker), so ask again until it is there.
   */
  private List<Integer> partitionsOf(String topic) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
    while (true) {
      List<Integer> found = consumer.partitionsFor(topic).stream().map(p -> p.partition()).toList();
      if (!found.isEmpty()) {
        return found;
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("topic " + topic + " has no partitions after 15 s");
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
  }

  public RecordMetadata send(String topic, byte[] value, Map<String, String> headers) {
    RecordHeaders h = new RecordHeaders();
    headers.forEach((k, v) -> h.add(k, v.getBytes(StandardCharsets.UTF_8)));
    try {
      return producer.send(new ProducerRecord<>(topic, null, null, null, value, h)).get(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** Sends without waiting for the broker: for many records at once; {@link #flush()} waits for them all. */
  public Future<RecordMetadata> sendAsync(ProducerRecord<byte[], byte[]> record) {
    return producer.send(record);
  }

  public void flush() {
    producer.flush();
  }

  /** Every record seen on a topic, in arrival order. */
  public List<ConsumerRecord<byte[], byte[]>> seen(String topic) {
    return seen.stream().filter(r -> r.topic().equals(topic)).toList();
  }

  /** Records seen on a topic whose header has the value. */
  public List<ConsumerRecord<byte[], byte[]>> seen(String topic, String header, String value) {
    return seen.stream().filter(r -> r.topic().equals(topic))
        .filter(r -> value.equals(header(r, header))).toList();
  }

  public static String header(ConsumerRecord<byte[], byte[]> record, String name) {
    var h = record.headers().lastHeader(name);
    return h == null || h.value() == null ? null : new String(h.value(), StandardCharsets.UTF_8);
  }

  /** Creates the topics that do not exist yet (one partition): Nest's Kafka peers fail on missing ones. */
  public static void ensureTopics(String bootstrap, List<String> topics) {
    ensureTopics(bootstrap, topics, 1);
  }

  /** The same, with as many partitions as given. */
  public static void ensureTopics(String bootstrap, List<String> topics, int partitions) {
    try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
      for (String topic : topics) {
        try {
          admin.createTopics(Set.of(new NewTopic(topic, partitions, (short) 1))).all().get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
          if (!(e.getCause() instanceof TopicExistsException)) {
            throw new IllegalStateException("cannot create " + topic, e.getCause());
          }
        } catch (Exception e) {
          throw new IllegalStateException("cannot create " + topic, e);
        }
      }
    }
  }

  @Override
  public void close() {
    running = false;
    consumer.wakeup();
    try {
      reader.join(5000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    producer.close();
  }
}
