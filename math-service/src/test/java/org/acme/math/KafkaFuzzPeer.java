package org.acme.math;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.acme.contracts.math.MathPatterns;
import org.acme.transport.codec.NestCodec;
import org.acme.transport.testing.FuzzFrames;
import org.acme.transport.testing.RawKafka;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * The fuzz on Kafka, where the record value is the data and the headers say whether it is a request: hostile values
 * (no envelope here) with correlation, reply topic and reply partition headers right, missing, wrong or absurd, and
 * the fuzz's other headers. Replies are read on every route's reply topic (an error is its {@code kafka_nest-err}
 * header); a reply topic that is not the route's own is another route's or a victim's, where nothing may arrive.
 */
final class KafkaFuzzPeer implements HostilePeer {

  private static final List<String> TOPICS = List.of(MathPatterns.KAFKA_SUM, MathPatterns.MULTIPLY, MathPatterns.KAFKA_COUNT,
      MathPatterns.KAFKA_PROTECTED, MathPatterns.KAFKA_DATA, MathPatterns.KAFKA_GET_DATA, MathPatterns.KAFKA_USERS_SEEN, MathPatterns.USER_CREATED);
  private static final String VICTIM = "victim.math-fuzz";
  private final String bootstrap;
  private final AtomicLong victimized = new AtomicLong();
  private FuzzFrames fuzz;
  private Consumer<String> replies;
  private RawKafka raw;

  KafkaFuzzPeer(String bootstrap) {
    this.bootstrap = bootstrap;
  }

  @Override
  public String transport() {
    return "kafka";
  }

  @Override
  public List<String> routes() {
    return TOPICS;
  }

  @Override
  public String sumPattern() {
    return MathPatterns.KAFKA_SUM;
  }

  @Override
  public void open(FuzzFrames fuzz, Consumer<String> replies) {
    this.fuzz = fuzz;
    this.replies = replies;
    List<String> watched = new ArrayList<>(TOPICS.stream().map(topic -> topic + ".reply").toList());
    watched.add(VICTIM);
    List<String> topics = new ArrayList<>(TOPICS);
    topics.addAll(watched);
    RawKafka.ensureTopics(bootstrap, topics);
    raw = new RawKafka(bootstrap, watched, this::arrived);
  }

  private void arrived(ConsumerRecord<byte[], byte[]> record) {
    if (record.topic().equals(VICTIM)) {
      victimized.incrementAndGet();
      return;
    }
    String err = RawKafka.header(record, "kafka_nest-err");
    if (err != null) {
      // JSON.stringify(err), or the text itself (Nest's no-handler reply)
      replies.accept(err.startsWith("{") ? "{\"err\":" + err + "}" : NestCodec.json().createObjectNode().put("err", err).toString());
    }
  }

  @Override
  public void sendHostile() {
    String topic = fuzz.route();
    RecordHeaders headers = new RecordHeaders();
    if (!fuzz.chance(10)) {
      header(headers, "kafka_correlationId", fuzz.chance(90) ? "f" + fuzz.nextInt(1_000_000) : fuzz.pick(List.of("", "x".repeat(5000))));
    }
    if (!fuzz.chance(10)) {
      header(headers, "kafka_replyTopic", fuzz.chance(80) ? topic + ".reply" : fuzz.pick(List.of(VICTIM, "sum.reply", "", "no.such.topic")));
    }
    if (!fuzz.chance(20)) {
      header(headers, "kafka_replyPartition", fuzz.chance(80) ? "0" : fuzz.pick(List.of("-1", "99", "abc", "1e10", "NaN", "0.5", "", "2147483648")));
    }
    fuzz.headers().forEach((key, value) -> header(headers, key, value));
    if (fuzz.chance(2)) {
      headers.add("x-bytes", new byte[] {(byte) 0xff, 0, (byte) 0xc3});
    }
    byte[] value = fuzz.chance(2) ? null : fuzz.payload();
    raw.sendAsync(new ProducerRecord<>(topic, null, null, fuzz.chance(5) ? value : null, value, headers));
  }

  private static void header(RecordHeaders headers, String key, String value) {
    headers.add(key, value.getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public void close() {
    raw.flush();
    raw.close();
    assertThat(victimized.get()).as("replies reflected onto %s; %s", VICTIM, FuzzFrames.replay()).isZero();
  }
}
