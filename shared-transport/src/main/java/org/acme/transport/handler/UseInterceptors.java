package org.acme.transport.handler;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Nest's {@code @UseInterceptors}: interceptors (CDI beans) around a handler. On a controller they wrap all its handlers,
 * outside those of a method, as in Nest; in each list, the first named is the outermost.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface UseInterceptors {
  Class<? extends Interceptor>[] value();
}
