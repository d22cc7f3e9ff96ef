package org.acme.transport.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithParentName;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.acme.transport.codec.WireFormat;
import org.acme.transport.rmq.ExchangeType;

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
     * RabbitMQ, Nest's {@code persistent}: requests and events alike are persistent (delivery mode 2, so a durable queue
     * keeps them across a broker restart) or not; a call's options may still say otherwise. Unset: requests (commands,
     * work somebody waits for) are persistent and events transient, as Nest sends everything.
     */
    Optional<Boolean> persistent();

    /**
     * RabbitMQ, Nest's {@code exchange}: with {@code wildcards} or a fanout {@code exchange-type}, messages are published
     * there (the pattern as routing key) instead of to the queue. Default: the queue's name, as in Nest.
     */
    Optional<String> exchange();

    /** RabbitMQ, Nest's {@code exchangeType}: the exchange's type, declared so unless {@code no-assert}. Default topic. */
    @WithDefault("topic")
    ExchangeType exchangeType();

    /**
     * RabbitMQ, Nest's {@code exchangeArguments}: declared with the exchange, as the server that declares it does (the
     * broker refuses a declaration that differs). Typed as {@code nest.server.rmq.queue-arguments}. Default none.
     */
    Map<String, String> exchangeArguments();

    /**
     * RabbitMQ, Nest's {@code wildcards}: publish to the exchange with the pattern's route as routing key, for a server
     * bound with its routes (Nest's {@code wildcards}, ours {@code nest.server.rmq.wildcards}). Default false: straight to the queue.
     */
    @WithDefault("false")
    boolean wildcards();

    /**
     * RabbitMQ, Nest's {@code noAssert}: do not declare the exchange, only publish to it. It must exist: a publish to a
     * missing exchange closes the service's channel (the link then reconnects). Default false.
     */
    @WithDefault("false")
    boolean noAssert();

    /**
     * RabbitMQ, Nest's {@code serializer}: how events are written. {@code nest}, Nest's {@code {pattern, data}}
     * envelope; {@code raw}, the bare JSON data, for consumers that know nothing of Nest (the pattern is then only the
     * routing key, so publish through an exchange: {@code wildcards}). A raw client only emits: a request needs Nest's
     * envelope to be answered. Default nest.
     */
    @WithDefault("nest")
    WireFormat format();

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
