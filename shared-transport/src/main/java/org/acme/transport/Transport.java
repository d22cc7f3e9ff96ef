package org.acme.transport;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

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

  /** By tag: looked up for every message's span, where a stream over a copy of values() showed in the profile. */
  private static final Map<String, Transport> BY_TAG = Arrays.stream(values()).collect(Collectors.toUnmodifiableMap(Transport::tag, Function.identity()));

  /** The transport with this tag, if there is one (configuration and contexts carry the tag as text). */
  public static Optional<Transport> byTag(String tag) {
    return Optional.ofNullable(tag == null ? null : BY_TAG.get(tag));
  }

  @Override
  public String toString() {
    return tag;
  }
}
