package org.acme.transport.handler;

import java.util.Map;
import java.util.Optional;

/**
 * What a handler may know about the message besides its data: Nest's {@code @Ctx()}. One class for every
 * transport; each transport fills {@code metadata} with its own facts (headers, topic, partition, offset, subject,
 * channel, AMQP properties) and {@code raw} with its native message for the rare handler that needs it.
 *
 * @param pattern the route the message matched
 * @param transport tcp, redis, nats, mqtt, rmq or kafka
 * @param metadata the transport's own facts, by name
 * @param raw the native message or socket (a Kafka ConsumerRecord, a NATS Message, ...), may be null
 */
public record MessageContext(String pattern, String transport, Map<String, Object> metadata, Object raw) {

  public MessageContext {
    metadata = Map.copyOf(metadata);
  }

  public Optional<Object> get(String key) {
    return Optional.ofNullable(metadata.get(key));
  }

  /** The native message as the given type, when it is one. */
  public <T> Optional<T> raw(Class<T> type) {
    return type.isInstance(raw) ? Optional.of(type.cast(raw)) : Optional.empty();
  }
}
