package org.acme.payment;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.List;
import org.acme.contracts.order.OrderPatterns;
import org.acme.contracts.order.PaymentOutcome;
import org.acme.transport.testing.RawKafka;

/**
 * What order-service would receive: {@code payment_completed} and {@code payment_failed} read by a plain Kafka
 * consumer from their end ({@link RawKafka}: no consumer group, so it takes nothing from another reader of the
 * shared topics); this run's events are the ones whose order id carries its marker.
 */
final class OrderEventsWatcher implements AutoCloseable {

  static final List<String> TOPICS = List.of(OrderPatterns.PAYMENT_COMPLETED, OrderPatterns.PAYMENT_FAILED);
  private static final ObjectMapper JSON = new ObjectMapper();

  /** One event as it arrived: its topic (the Nest event pattern) and its data. */
  record Event(String pattern, PaymentOutcome outcome) {
  }

  private final RawKafka kafka;

  OrderEventsWatcher(String bootstrap) {
    // the service creates the topics on its first event; the watcher must be reading them before that
    kafka = new RawKafka(bootstrap, TOPICS);
  }

  /** The events seen so far for one order, in arrival order per topic. */
  List<Event> of(String orderId) {
    return TOPICS.stream().flatMap(topic -> kafka.seen(topic).stream().map(record -> new Event(topic, parse(record.value()))))
        .filter(e -> orderId.equals(e.outcome().orderId())).toList();
  }

  /** The record keys of the events seen so far for one order. */
  List<String> keysOf(String orderId) {
    return TOPICS.stream().flatMap(topic -> kafka.seen(topic).stream())
        .filter(record -> orderId.equals(parse(record.value()).orderId()))
        .map(record -> record.key() == null ? null : new String(record.key(), java.nio.charset.StandardCharsets.UTF_8)).toList();
  }

  private static PaymentOutcome parse(byte[] value) {
    try {
      return JSON.readValue(value, PaymentOutcome.class);
    } catch (IOException e) {
      // another writer's record on the shared topic: not ours to judge, and it names no order of ours
      return new PaymentOutcome(null, null, "unreadable: " + e.getMessage());
    }
  }

  @Override
  public void close() {
    kafka.close();
  }
}
