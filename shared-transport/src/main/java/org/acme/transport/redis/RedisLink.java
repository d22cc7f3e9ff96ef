package org.acme.transport.redis;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Singleton;
import org.acme.transport.Transport;
import org.acme.transport.broker.Addresses;
import org.acme.transport.broker.BrokerLink;
import org.acme.transport.broker.BrokerUnfitException;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Redis through the Quarkus Redis client, configured by {@code quarkus.redis.hosts}. The client itself
 * reconnects on the next command, so this link has nothing to keep alive; it only checks.
 */
@Singleton
public class RedisLink implements BrokerLink {

  private final RedisBrokerConfig config;
  private final Instance<ReactiveRedisDataSource> redis;
  private final String hosts;

  RedisLink(RedisBrokerConfig config, Instance<ReactiveRedisDataSource> redis,
      @ConfigProperty(name = "quarkus.redis.hosts", defaultValue = "redis://127.0.0.1:6379") String hosts) {
    this.config = config;
    this.redis = redis;
    this.hosts = hosts;
  }

  /** The Quarkus Redis data source, for transports that speak pub/sub and services that keep state. */
  public ReactiveRedisDataSource dataSource() {
    return redis.get();
  }

  @Override
  public String broker() {
    return Transport.REDIS.broker();
  }

  @Override
  public String address() {
    return Addresses.withoutCredentials(hosts);
  }

  @Override
  public boolean enabled() {
    return config.enabled();
  }

  @Override
  public void start() {
    // nothing to open: the Quarkus client connects on first use and after every loss
  }

  @Override
  public void stop() {
    // the Quarkus client is closed by Quarkus
  }

  /**
   * Answers and has room: {@code INFO memory} is a real round trip, and its {@code used_memory} against
   * {@code maxmemory} tells whether writes are about to be refused ({@code nest.redis.memory-pressure}).
   */
  @Override
  public Uni<Void> ping() {
    return dataSource().execute("INFO", "memory").invoke(info -> {
      String text = info.toString();
      long used = field(text, "used_memory");
      long max = field(text, "maxmemory");
      if (max > 0 && used >= config.memoryPressure() * max) {
        throw new BrokerUnfitException("redis at %s is under memory pressure: %d%% of its maxmemory (%d MiB) in use"
            .formatted(address(), Math.round(100.0 * used / max), max >> 20));
      }
    }).replaceWithVoid();
  }

  private static long field(String info, String name) {
    for (String line : info.split("\r?\n")) {
      if (line.startsWith(name + ":")) {
        return Long.parseLong(line.substring(name.length() + 1).trim());
      }
    }
    return 0;
  }
}
