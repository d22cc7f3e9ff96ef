package org.acme.transport.redis;

import io.vertx.mutiny.core.Vertx;
import jakarta.inject.Singleton;
import org.acme.transport.Transport;
import org.acme.transport.client.NestClient;
import org.acme.transport.client.NestClientFactory;
import org.acme.transport.config.BrokersConfig;
import org.acme.transport.config.ClientsConfig;

/** Makes {@code transport=redis} clients, on the Redis that {@code quarkus.redis.hosts} names. */
@Singleton
public class RedisClientFactory implements NestClientFactory {

  private final RedisLink link;
  private final Vertx vertx;
  private final BrokersConfig brokers;

  RedisClientFactory(RedisLink link, Vertx vertx, BrokersConfig brokers) {
    this.link = link;
    this.vertx = vertx;
    this.brokers = brokers;
  }

  @Override
  public Transport transport() {
    return Transport.REDIS;
  }

  @Override
  public NestClient create(String name, ClientsConfig.Client config) {
    return new RedisClient(new RedisPublisher(link.dataSource().getRedis(), link.address()), link.dataSource().getRedis(), vertx, brokers.reconnectDelay(), config, name);
  }
}
