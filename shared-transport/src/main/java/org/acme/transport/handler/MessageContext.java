package org.acme.transport.handler;

import java.util.Map;
import java.util.Optional;
import org.acme.transport.client.Deadline;

/**
 * What a handler may know about the message besides its data: Nest's {@code @Ctx()}. One class for every
 * transport.
 * <p>
 * {@link #metadata()} is what the sender put beside the data, read the same way whatever the transport: Nest 12's
 * packet {@code metadata} (TCP, Redis, MQTT, and NATS and RabbitMQ too), native headers (Kafka record headers, NATS
 * headers, AMQP headers, gRPC metadata). A handler passes it on to its own calls with
 * {@code MessageOptions.metadata(context.metadata())}. {@link #details()} are the transport's own facts (topic,
 * partition, offset, subject, channel, AMQP properties, all headers as they came), and {@link #raw()} the native
 * message for the rare handler that needs it.
 *
 * @param pattern the route the message matched
 * @param transport tcp, redis, nats, mqtt, rmq or kafka
 * @param metadata the sender's metadata, string to string, checked against the limits; empty when none came
 * @param details the transport's own facts, by name
 * @param raw the native message or socket (a Kafka ConsumerRecord, a NATS Message, ...), may be null
 */
public record MessageContext(String pattern, String transport, Map<String, String> metadata, Map<String, Object> details, Object raw) {

  public MessageContext {
    metadata = Map.copyOf(metadata);
    details = Map.copyOf(details);
  }

  /** The authenticated caller the message is for, when the edge named one ({@link Caller}). */
  public Optional<Caller> caller() {
    return Caller.from(metadata);
  }

  /** One metadata entry. */
  public Optional<String> metadata(String key) {
    return Optional.ofNullable(metadata.get(key));
  }

  /**
   * The request's deadline, when its sender stamped one ({@link Deadline#METADATA_KEY}): what is left of it is the
   * handler's budget, and the calls it makes with {@code MessageOptions.metadata(context.metadata())} get no more.
   */
  public Optional<Deadline> deadline() {
    try {
      return Deadline.from(metadata);
    } catch (IllegalArgumentException unreadable) {
      return Optional.empty();
    }
  }

  /** One of the transport's facts. */
  public Optional<Object> detail(String key) {
    return Optional.ofNullable(details.get(key));
  }

  /** The native message as the given type, when it is one. */
  public <T> Optional<T> raw(Class<T> type) {
    return type.isInstance(raw) ? Optional.of(type.cast(raw)) : Optional.empty();
  }
}
