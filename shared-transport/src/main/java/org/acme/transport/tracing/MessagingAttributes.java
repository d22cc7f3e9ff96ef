package org.acme.transport.tracing;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import java.util.Map;
import java.util.Optional;
import org.acme.transport.Transport;
import org.acme.transport.handler.MessageContext;

/**
 * The span attributes of the OpenTelemetry messaging conventions, plus the Nest pattern and our transport name.
 * Written out here rather than taken from the incubating semconv artifact, whose names still move between releases.
 * {@code messaging.operation} is the pre-1.26 name of {@code messaging.operation.type}; both are set, since the
 * trace UIs and Quarkus's own Kafka spans still read the old one.
 */
final class MessagingAttributes {

  static final AttributeKey<String> SYSTEM = AttributeKey.stringKey("messaging.system");
  static final AttributeKey<String> DESTINATION = AttributeKey.stringKey("messaging.destination.name");
  static final AttributeKey<String> OPERATION = AttributeKey.stringKey("messaging.operation");
  static final AttributeKey<String> OPERATION_TYPE = AttributeKey.stringKey("messaging.operation.type");
  static final AttributeKey<String> MESSAGE_ID = AttributeKey.stringKey("messaging.message.id");
  static final AttributeKey<String> PATTERN = AttributeKey.stringKey("nest.pattern");
  static final AttributeKey<String> TRANSPORT = AttributeKey.stringKey("nest.transport");

  private MessagingAttributes() {
  }

  static void set(Span span, String transport, String route, String destination, String operation) {
    span.setAttribute(SYSTEM, system(transport));
    span.setAttribute(DESTINATION, destination);
    span.setAttribute(OPERATION, operation);
    span.setAttribute(OPERATION_TYPE, operation);
    span.setAttribute(PATTERN, route);
    span.setAttribute(TRANSPORT, transport);
  }

  /** The conventions' system name is the broker's ("rabbitmq" for rmq); our transport's tag for anything unknown. */
  private static String system(String transport) {
    return Transport.byTag(transport).map(Transport::broker).orElse(transport);
  }

  /** Where the message was read from: the RabbitMQ queue, else the route (topic, subject, channel, TCP pattern). */
  static String destination(MessageContext message, String route) {
    return message.detail("queue").map(String::valueOf).orElse(route);
  }

  /** The request's id as the transport carries it: the packet id, Kafka's correlation header, AMQP's correlation id. */
  static Optional<String> messageId(MessageContext message) {
    return message.detail("id").map(String::valueOf)
        .or(() -> nested(message, "headers", "kafka_correlationId"))
        .or(() -> nested(message, "properties", "correlationId"));
  }

  private static Optional<String> nested(MessageContext message, String detail, String key) {
    return message.detail(detail).filter(Map.class::isInstance).map(map -> ((Map<?, ?>) map).get(key)).map(String::valueOf);
  }

  /** Records the id a client gave its request, on the span current where it did (see {@code PendingReplies}). */
  static void messageId(Span span, String id) {
    span.setAttribute(MESSAGE_ID, id);
  }
}
