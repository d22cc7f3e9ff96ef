package org.acme.transport.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/**
 * What the links to every broker share. Which brokers a service links to, and where they are, is each broker's own
 * section, read in its transport's room ({@code nats.NatsBrokerConfig} under {@code nest.nats},
 * {@code rmq.RmqBrokerConfig} under {@code nest.rabbitmq}, ...). Every key has an environment override
 * ({@code NEST_NATS_URL}, {@code NEST_KAFKA_BOOTSTRAP_SERVERS}, ...). Redis is the exception: its address is
 * Quarkus's own {@code quarkus.redis.hosts}, so the transport and a service's Redis state share one key.
 */
@ConfigMapping(prefix = "nest")
public interface BrokersConfig {

  /** How long a readiness probe waits for a broker to answer. Default 2s. */
  @WithDefault("2s")
  Duration healthTimeout();

  /** How long to wait between two attempts to reach a broker that is down. Default 1s. */
  @WithDefault("1s")
  Duration reconnectDelay();
}
