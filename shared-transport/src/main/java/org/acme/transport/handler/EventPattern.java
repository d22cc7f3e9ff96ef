package org.acme.transport.handler;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Nest's {@code @EventPattern}: the method handles events (packets without an id) on these patterns; nothing is
 * sent back. Several methods may share a pattern, and all of them run.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface EventPattern {
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
