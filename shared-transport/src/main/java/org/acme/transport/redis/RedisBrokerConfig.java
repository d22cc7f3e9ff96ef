package org.acme.transport.redis;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The link to Redis ({@link RedisLink}); its address is Quarkus's own {@code quarkus.redis.hosts}. */
@ConfigMapping(prefix = "nest.redis")
public interface RedisBrokerConfig {

  /** Link to Redis (address: {@code quarkus.redis.hosts}). Default false. */
  @WithDefault("false")
  boolean enabled();

  /**
   * The share of Redis's {@code maxmemory} in use at which readiness goes DOWN: past it, writes may soon be refused
   * ({@code noeviction} loses nothing, it refuses), so traffic is better sent nowhere than half-served. Ignored
   * when Redis has no {@code maxmemory}. Default 0.9.
   */
  @WithDefault("0.9")
  double memoryPressure();
}
