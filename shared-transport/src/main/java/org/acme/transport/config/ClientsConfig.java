package org.acme.transport.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithParentName;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * Named clients: {@code nest.client.<name>.transport=tcp|redis|nats|mqtt|rmq|kafka} and that transport's keys.
 * Broker addresses come from the broker links ({@code nest.nats.url}, ...); only TCP has its own address.
 */
@ConfigMapping(prefix = "nest.client")
public interface ClientsConfig {

  @WithParentName
  Map<String, Client> clients();

  interface Client {
    /** tcp, redis, nats, mqtt, rmq or kafka. */
    String transport();

    /** Every request's deadline. Default 5s. */
    @WithDefault("5s")
    Duration timeout();

    /** TCP: the server's host. Default 127.0.0.1. */
    @WithDefault("127.0.0.1")
    String host();

    /** TCP: the server's port. Default 3001. */
    @WithDefault("3001")
    int port();

    /** RabbitMQ: the server's queue. */
    Optional<String> queue();

    /**
     * RabbitMQ: messages are persistent (delivery mode 2), so a durable queue keeps them across a broker restart;
     * a call's options may still say otherwise. Default false, as Nest sends them.
     */
    @WithDefault("false")
    boolean persistent();

    /** MQTT: QoS of requests and of the reply subscription. Default 1. */
    @WithDefault("1")
    int qos();

    /**
     * TCP: a Quarkus TLS configuration ({@code quarkus.tls.<name>.*}) to connect with, as Nest's {@code tlsOptions}: the
     * server's certificate checked against its trust store and the host name; its key store, if any, for mutual TLS.
     * None: plain TCP. (The broker transports take theirs from {@code nest.<broker>.tls-configuration-name}.)
     */
    Optional<String> tlsConfigurationName();
  }
}
