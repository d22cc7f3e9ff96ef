package org.acme.math.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** math-service's own settings. */
@ConfigMapping(prefix = "math")
public interface MathConfig {

  Guard guard();

  interface Guard {
    /** The token {@code {cmd:'protected'}} accepts. Default {@code secret-token} for local development; a Secret elsewhere. */
    @WithDefault("secret-token")
    String secret();
  }
}
