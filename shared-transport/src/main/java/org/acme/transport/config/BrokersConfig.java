package org.acme.transport.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/**
 * Which brokers a service links to, and where they are. Every key has an environment override
 * ({@code NEST_NATS_URL}, {@code NEST_KAFKA_BOOTSTRAP_SERVERS}, ...). Redis is the exception: its address is
 * Quarkus's own {@code quarkus.redis.hosts}, so the transport and a service's Redis state share one key.
 */
@ConfigMapping(prefix = "nest")
public interface BrokersConfig {

  Redis redis();

  Nats nats();

  Mqtt mqtt();

  Rabbitmq rabbitmq();

  Kafka kafka();

  /** How long a readiness probe waits for a broker to answer. Default 2s. */
  @WithDefault("2s")
  Duration healthTimeout();

  /** How long to wait between two attempts to reach a broker that is down. Default 1s. */
  @WithDefault("1s")
  Duration reconnectDelay();

  interface Redis {
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

  interface Nats {
    /** Link to NATS. Default false. */
    @WithDefault("false")
    boolean enabled();

    /** Default {@code nats://127.0.0.1:4222}. */
    @WithDefault("nats://127.0.0.1:4222")
    String url();
  }

  interface Mqtt {
    /** Link to an MQTT broker. Default false. */
    @WithDefault("false")
    boolean enabled();

    /** Default 127.0.0.1. */
    @WithDefault("127.0.0.1")
    String host();

    /** Default 1883. */
    @WithDefault("1883")
    int port();
  }

  interface Rabbitmq {
    /** Link to RabbitMQ. Default false. */
    @WithDefault("false")
    boolean enabled();

    /** Default 127.0.0.1. */
    @WithDefault("127.0.0.1")
    String host();

    /** Default 5672. */
    @WithDefault("5672")
    int port();

    /** Default guest. */
    @WithDefault("guest")
    String username();

    /** Default guest. */
    @WithDefault("guest")
    String password();

    /** Default {@code /}. */
    @WithDefault("/")
    String virtualHost();
  }

  interface Kafka {
    /** Link to Kafka. Default false. */
    @WithDefault("false")
    boolean enabled();

    /** Default {@code 127.0.0.1:9092}. */
    @WithDefault("127.0.0.1:9092")
    String bootstrapServers();
  }
}
