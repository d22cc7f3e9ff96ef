package org.acme.transport.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** The shipped timing interceptor ({@code TimingInterceptor}, README "Interceptors and hooks"). */
@ConfigMapping(prefix = "nest.timing")
public interface TimingConfig {

  /**
   * A handler that takes longer than this is logged at INFO rather than DEBUG, so a slow answer shows in a log kept at
   * INFO without every fast one flooding it. Default 1s.
   */
  @WithDefault("1s")
  Duration slow();
}
