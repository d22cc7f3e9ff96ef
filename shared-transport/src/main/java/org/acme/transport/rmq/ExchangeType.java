package org.acme.transport.rmq;

import java.util.Locale;

/** AMQP 0-9-1 exchange types, as Nest's {@code exchangeType} option names them. */
public enum ExchangeType {
  DIRECT, TOPIC, FANOUT, HEADERS;

  /** The name the broker knows it by: {@code topic}, {@code fanout}, ... */
  public String amqpName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
