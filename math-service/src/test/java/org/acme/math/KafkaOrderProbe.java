package org.acme.math;

import org.acme.transport.handler.MessageContext;
import org.acme.transport.handler.MessageController;
import org.acme.transport.handler.MessagePattern;

/**
 * Test-only handler: takes a while (on a worker thread) and says when it ran, for which record, and how many records
 * the Kafka server held meanwhile, so a test can see per-key order, overlap between keys, and the server's bound.
 */
@MessageController
public class KafkaOrderProbe {

  static final String PATTERN = "kafka_order_probe";

  private final org.acme.transport.kafka.KafkaServer server;

  KafkaOrderProbe(org.acme.transport.kafka.KafkaServer server) {
    this.server = server;
  }

  /** What one handled record reports: its key, its place in the partition, and its time on a worker (nanoTime). */
  public record Handled(String key, int partition, long offset, long start, long end, int held) {
  }

  /** The data: how long to take, in milliseconds. */
  @MessagePattern(PATTERN)
  public Handled handle(int millis, MessageContext context) throws InterruptedException {
    long start = System.nanoTime();
    int held = server.inFlight();
    Thread.sleep(millis);
    return new Handled((String) context.details().get("key"), (Integer) context.details().get("partition"),
        (Long) context.details().get("offset"), start, System.nanoTime(), held);
  }
}
