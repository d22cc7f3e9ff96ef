package org.acme.transport.rmq;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.rabbitmq.RabbitMQClient;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What the server's queue hangs on, as Nest's ServerRMQ sets it up: the queue and the dead-letter queue (durable, no
 * arguments, amqplib's assertQueue defaults byte for byte, so either side may declare first), then, with an
 * {@code exchange} or {@code wildcards}, the exchange (durable, of {@code exchange-type}), the queue bound to it with
 * the {@code routing-key} (the empty key for fanout) and, with {@code wildcards}, with every route served; then the
 * consumer's prefetch. With {@code no-assert} nothing is declared, only bound. Runs again after every reconnection:
 * declarations and bindings of what exists change nothing.
 */
final class RmqTopology {

  private final RmqServerConfig config;
  private final String deadLetterQueue;
  private final Set<String> routes;

  RmqTopology(RmqServerConfig config, String deadLetterQueue, Set<String> routes) {
    this.config = config;
    this.deadLetterQueue = deadLetterQueue;
    this.routes = routes;
  }

  /** The exchange the queue is bound to, if any: the configured one, else the queue's name when {@code wildcards}. */
  Optional<String> exchange() {
    return RmqServer.exchange(config);
  }

  Uni<Void> apply(RabbitMQClient client) {
    Uni<Void> chain = client.confirmSelect();
    if (!config.noAssert()) {
      chain = chain.chain(() -> client.queueDeclare(config.queue(), true, false, false, arguments(config.queueArguments())))
          .chain(() -> client.queueDeclare(deadLetterQueue, true, false, false))
          .replaceWithVoid();
    }
    if (exchange().isPresent()) {
      chain = chain.chain(() -> bind(client, exchange().get()));
    }
    return chain.chain(() -> client.basicQos(config.prefetch(), false));
  }

  private Uni<Void> bind(RabbitMQClient client, String exchange) {
    Uni<Void> chain = config.noAssert() ? Uni.createFrom().voidItem()
        : client.exchangeDeclare(exchange, config.exchangeType().amqpName(), true, false, arguments(config.exchangeArguments()));
    for (String key : bindingKeys()) {
      chain = chain.chain(() -> client.queueBind(config.queue(), exchange, key));
    }
    return chain;
  }

  /**
   * Declaration arguments, typed as the broker compares them: a whole number as a number (x-max-length of "10" is not
   * x-max-length of 10 to RabbitMQ), true/false as booleans, the rest as text.
   */
  static JsonObject arguments(Map<String, String> given) {
    JsonObject arguments = new JsonObject();
    given.forEach((key, value) -> {
      if (value.matches("-?\\d{1,18}")) {
        arguments.put(key, Long.parseLong(value));
      } else if (value.equals("true") || value.equals("false")) {
        arguments.put(key, Boolean.parseBoolean(value));
      } else {
        arguments.put(key, value);
      }
    });
    return arguments;
  }

  /** The routing key (empty for fanout), and with {@code wildcards} every route a binding can hold. */
  List<String> bindingKeys() {
    List<String> keys = new java.util.ArrayList<>();
    if (config.exchangeType() == ExchangeType.FANOUT) {
      keys.add("");
    } else {
      config.routingKey().ifPresent(keys::add);
    }
    if (config.wildcards()) {
      routes.stream().sorted().forEach(route -> {
        if (route.length() > RmqTopics.MAX_KEY_LENGTH) {
          // the broker would close the channel over it; such a pattern is reached through the queue only
          Log.warnf("Nest RMQ server: route %s is too long for a routing key; not bound to the exchange", route);
        } else {
          keys.add(route);
        }
      });
    }
    return keys;
  }
}
