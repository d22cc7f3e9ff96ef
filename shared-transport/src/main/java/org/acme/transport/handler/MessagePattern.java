package org.acme.transport.handler;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Nest's {@code @MessagePattern}: the method answers requests on these patterns, on every transport the service
 * serves. A pattern is a plain string ({@code "multiply"}) or an object in JSON ({@code "{\"cmd\":\"sum\"}"}),
 * normalised as Nest does, so key order does not matter.
 * <p>
 * The method takes the payload (any Jackson-readable type, validated with Bean Validation) and optionally a
 * {@link MessageContext}; it returns a value, a {@code Uni}, a {@code CompletionStage}, or a {@code Multi} whose
 * items are streamed as separate replies. Methods that return a plain value run on a worker thread unless
 * annotated {@code @NonBlocking}.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface MessagePattern {
  String[] value();

  /**
   * Nest 11's per-pattern {@code {qos}} extra: the QoS of the MQTT server's subscription to these patterns; -1 (the
   * default) leaves {@code nest.server.mqtt.qos}.
   */
  int qos() default -1;

  /**
   * Nest 11's per-pattern {@code {queue}} extra: the NATS queue group these patterns are served in; empty (the
   * default) leaves {@code nest.server.nats.queue}.
   */
  String queue() default "";
}
