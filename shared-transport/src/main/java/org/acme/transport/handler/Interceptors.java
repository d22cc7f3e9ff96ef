package org.acme.transport.handler;

import io.quarkus.arc.All;
import io.quarkus.arc.InstanceHandle;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Singleton;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Finds what runs around each handler: every {@link PreRequestHook} bean, the {@link GlobalInterceptor} beans, then
 * the controller's and the method's {@link UseInterceptors}. {@code @All} lists beans by {@code @Priority}, highest
 * first, and that is the order they run in.
 */
@Singleton
class Interceptors {

  // Instance, as for guards: Quarkus keeps every interceptor bean though only annotations name them.
  private final Instance<Interceptor> beans;
  private final List<PreRequestHook> hooks;
  private final List<Interceptor> globals;

  Interceptors(@Any Instance<Interceptor> beans, @All List<InstanceHandle<PreRequestHook>> hooks, @All List<InstanceHandle<Interceptor>> all) {
    this.beans = beans;
    this.hooks = hooks.stream().map(InstanceHandle::get).toList();
    this.globals = all.stream().filter(h -> h.getBean().getBeanClass().isAnnotationPresent(GlobalInterceptor.class)).map(InstanceHandle::get).toList();
  }

  InterceptorChain around(Class<?> controller, Method method) {
    List<Interceptor> found = new ArrayList<>(globals);
    // the controller's first, then the method's: the outer scope wraps the inner one, as in Nest
    for (UseInterceptors use : new UseInterceptors[] {controller.getAnnotation(UseInterceptors.class), method.getAnnotation(UseInterceptors.class)}) {
      if (use != null) {
        Arrays.stream(use.value()).map(c -> beans.select(c).get()).forEach(found::add);
      }
    }
    return found.isEmpty() && hooks.isEmpty() ? InterceptorChain.NONE : new InterceptorChain(hooks, found);
  }
}
