package org.acme.transport.handler;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** Nest's {@code @UseFilters}: exception filters (CDI beans) that shape the error a handler's RpcException sends. */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface UseFilters {
  Class<? extends RpcExceptionFilter>[] value();
}
