package org.acme.transport.tracing;

import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import org.acme.transport.config.TracingConfig;

/** Says at start-up where this service's spans go, so an operator missing a trace knows whether any was sent. */
@Singleton
class CollectorNotice {

  private final TracingConfig config;

  CollectorNotice(TracingConfig config) {
    this.config = config;
  }

  void started(@Observes StartupEvent event) {
    config.endpoint().ifPresentOrElse(endpoint -> Log.infof("tracing: spans exported over OTLP to %s", endpoint),
        () -> Log.debugf("tracing: no collector named (%s), spans are not exported", NoCollector.ENDPOINT_KEY));
  }
}
