package org.acme.transport.handler;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Stereotype;
import jakarta.inject.Named;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a bean whose methods carry {@link MessagePattern} and {@link EventPattern}: Nest's {@code @Controller}
 * for microservices. Nothing injects such a bean, so the stereotype names it: Quarkus keeps named beans, and the
 * handler registry finds them at start-up.
 */
@Stereotype
@ApplicationScoped
@Named
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface MessageController {
}
