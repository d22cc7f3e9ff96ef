package org.acme.heroes.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Where the heroes come from and how StreamHeroes paces them ({@code heroes.*}). */
@ConfigMapping(prefix = "heroes")
public interface HeroesConfig {

  /** Classpath resource holding the heroes as a JSON array of {@code {id, name}}. Default {@code heroes.json}. */
  @WithDefault("heroes.json")
  String source();

  /** StreamHeroes settings. */
  Stream stream();

  interface Stream {

    /**
     * Pause between two heroes of StreamHeroes. Default {@code 100ms}: the stream reads as a live feed (visible with
     * {@code curl -N} through the gateway) and a client can cancel it halfway. {@code 0s} sends as fast as the client reads.
     */
    @WithDefault("100ms")
    Duration interval();
  }
}
