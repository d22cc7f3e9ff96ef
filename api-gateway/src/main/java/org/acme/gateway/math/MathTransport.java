package org.acme.gateway.math;

import java.util.Arrays;
import java.util.Locale;
import org.acme.contracts.math.MathPatterns;

/** The transports math-service answers on, as the {@code ?transport=} query parameter names them. */
public enum MathTransport {
  TCP, REDIS, NATS, MQTT, RMQ, KAFKA;

  /** The name on the wire and in the query: tcp, redis, nats, mqtt, rmq, kafka. */
  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The configured client: {@code nest.client.math-<transport>.*}. */
  public String clientName() {
    return "math-" + wire();
  }

  /** Kafka topic names cannot hold braces: there every object pattern has a string alias. */
  public String pattern(String pattern) {
    if (this != KAFKA) {
      return pattern;
    }
    return switch (pattern) {
      case MathPatterns.SUM -> MathPatterns.KAFKA_SUM;
      case MathPatterns.SUM_V2 -> MathPatterns.KAFKA_SUM_V2;
      case MathPatterns.COUNT -> MathPatterns.KAFKA_COUNT;
      case MathPatterns.PROTECTED -> MathPatterns.KAFKA_PROTECTED;
      case MathPatterns.ADMIN -> MathPatterns.KAFKA_ADMIN;
      case MathPatterns.DATA -> MathPatterns.KAFKA_DATA;
      case MathPatterns.GET_DATA -> MathPatterns.KAFKA_GET_DATA;
      case MathPatterns.USERS_SEEN -> MathPatterns.KAFKA_USERS_SEEN;
      case MathPatterns.NEVER -> MathPatterns.KAFKA_NEVER;
      default -> pattern;
    };
  }

  /** Reads the query parameter; an unknown name is the caller's mistake. */
  public static MathTransport of(String name) {
    return Arrays.stream(values()).filter(t -> t.wire().equals(name)).findFirst()
        .orElseThrow(() -> new UnknownTransportException(name));
  }
}
