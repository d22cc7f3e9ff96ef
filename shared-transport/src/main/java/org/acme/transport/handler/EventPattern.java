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
}
