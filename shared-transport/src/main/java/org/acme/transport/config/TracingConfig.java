package org.acme.transport.config;

import io.smallrye.config.ConfigMapping;
import java.util.Optional;

/**
 * Where spans go (README "Tracing"). Declared so the key is known: {@link BrokersConfig} owns the {@code nest} root,
 * and a {@code nest.*} key no mapping declares stops a service at start-up when it comes from a system property or a
 * properties file (only an environment variable slipped through). {@code NoCollector} and the OTLP exporter's
 * endpoint read it.
 */
@ConfigMapping(prefix = "nest.tracing")
public interface TracingConfig {

  /** The collector's OTLP endpoint, e.g. {@code http://collector:4317}; unset (the default): spans are exported nowhere. */
  Optional<String> endpoint();
}
