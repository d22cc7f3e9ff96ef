package org.acme.transport.rmq;

import io.smallrye.mutiny.Uni;
import java.util.Optional;
import org.acme.transport.codec.PatternRoutes;
import org.acme.transport.config.ClientsConfig;

/**
 * Where a client publishes, as Nest's ClientRMQ decides: straight to the server's queue (the default exchange, the
 * queue as routing key), or, with {@code wildcards} or a fanout {@code exchange-type}, to the {@code exchange} (by
 * default the queue's name) with the pattern's route as routing key: the route a server binds for its handler
 * (Nest's client sends {@code JSON.stringify} of an object pattern, whose key order is the caller's; the route's
 * sorted keys are what a server binds). The exchange is declared (durable, of its type, as Nest asserts it) once per
 * connection before the first publish, unless {@code no-assert}.
 */
final class RmqDestination {

  private final RmqLink link;
  private final ClientsConfig.Client config;
  private final Optional<String> queue;
  private final Optional<String> exchange;
  private volatile long declaredOn = -1;

  RmqDestination(RmqLink link, String name, ClientsConfig.Client config) {
    this.link = link;
    this.config = config;
    this.queue = config.queue();
    boolean toExchange = config.wildcards() || config.exchangeType() == ExchangeType.FANOUT;
    this.exchange = toExchange ? config.exchange().or(() -> queue) : Optional.empty();
    if (queue.isEmpty() && exchange.isEmpty()) {
      throw new IllegalArgumentException("client '" + name + "': set nest.client." + name + ".queue to the server's queue"
          + " (or, with wildcards, nest.client." + name + ".exchange to its exchange)");
    }
  }

  /** The exchange to publish to: empty for the default exchange. */
  String exchange() {
    return exchange.orElse("");
  }

  /** The routing key of a message on this pattern. */
  String routingKey(String pattern) {
    return exchange.isPresent() ? PatternRoutes.route(pattern) : queue.orElseThrow();
  }

  /** Completes once the exchange exists as far as this client can tell: declared on this connection, or not ours to. */
  Uni<Void> declared() {
    long connection = link.connections();
    if (exchange.isEmpty() || config.noAssert() || declaredOn == connection) {
      return Uni.createFrom().voidItem();
    }
    return link.client().exchangeDeclare(exchange.get(), config.exchangeType().amqpName(), true, false, RmqTopology.arguments(config.exchangeArguments()))
        .invoke(() -> declaredOn = connection);
  }
}
