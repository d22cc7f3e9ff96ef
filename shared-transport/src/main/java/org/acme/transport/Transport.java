package org.acme.transport;

import java.util.Arrays;
import java.util.Optional;

/**
 * The transports, each under the one name it has in code. Two spellings go out to users and must not change: the
 * {@link #tag() tag} (metric tags, span attributes, {@code MessageContext.transport()}, {@code nest.client.<name>.transport})
 * and the {@link #broker() broker} name (readiness checks, "unavailable" errors, OpenTelemetry's {@code messaging.system}).
 * They differ only for RabbitMQ, which Nest calls {@code rmq} and OpenTelemetry and our health output {@code rabbitmq}.
 */
public enum Transport {
  TCP("tcp"),
  REDIS("redis"),
  NATS("nats"),
  MQTT("mqtt"),
  RMQ("rmq", "rabbitmq"),
  KAFKA("kafka"),
  GRPC("grpc");

  private final String tag;
  private final String broker;

  Transport(String tag) {
    this(tag, tag);
  }

  Transport(String tag, String broker) {
    this.tag = tag;
    this.broker = broker;
  }

  /** The name in metric tags, span attributes, client configuration and the handlers' context: "rmq" for RabbitMQ. */
  public String tag() {
    return tag;
  }

  /** The name of the broker behind it, as readiness and error messages show it: "rabbitmq" for RabbitMQ. */
  public String broker() {
    return broker;
  }

  /** The transport with this tag, if there is one (configuration and contexts carry the tag as text). */
  public static Optional<Transport> byTag(String tag) {
    return Arrays.stream(values()).filter(t -> t.tag.equals(tag)).findFirst();
  }

  @Override
  public String toString() {
    return tag;
  }
}
