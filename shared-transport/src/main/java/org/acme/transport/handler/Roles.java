package org.acme.transport.handler;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Nest's {@code @Roles('admin')} with its {@code RolesGuard}: the message's caller ({@link MessageContext#caller()},
 * the identity the gateway authenticated and passed on as metadata) must hold at least one of these roles, else the
 * message is denied with {@code RpcException('Forbidden resource')}. A message with no caller is denied too. On a
 * class, it holds for every handler in it; on a method as well, both must let the message through.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface Roles {
  String[] value();
}
