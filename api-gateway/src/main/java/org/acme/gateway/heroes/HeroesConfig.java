package org.acme.gateway.heroes;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/**
 * Deadlines for calls to heroes-grpc-service ({@code gateway.heroes.*}). Where the service is comes from Stork
 * ({@code quarkus.stork.heroes-grpc-service.*}), not from here.
 */
@ConfigMapping(prefix = "gateway.heroes")
public interface HeroesConfig {

  /** Deadline of FindOne and FindMany. Default {@code 3s}: a hung service costs a client at most this, then 504. */
  @WithDefault("3s")
  Duration deadline();

  /**
   * Deadline of the whole StreamHeroes call. Default {@code 30s}: the stream is paced by the service (about a
   * second for the stock heroes), so it needs far longer than one unary call, yet still never runs forever.
   */
  @WithDefault("30s")
  Duration streamDeadline();
}
