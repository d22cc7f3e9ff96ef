package org.acme.transport.handler;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Makes an {@link Interceptor} bean wrap every handler of the service, outside the controller's and the method's ones:
 * Nest's {@code app.useGlobalInterceptors}. A CDI marker rather than a list in the configuration, as quarkus-grpc's
 * {@code @GlobalInterceptor} is: the bean is found wherever it is, with its dependencies injected, and several global
 * ones run in the order of their {@code @Priority}, highest first.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface GlobalInterceptor {
}
