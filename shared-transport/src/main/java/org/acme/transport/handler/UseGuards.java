package org.acme.transport.handler;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** Nest's {@code @UseGuards}: every guard (a CDI bean) must let the message through before the handler runs. */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface UseGuards {
  Class<? extends Guard>[] value();
}
