package org.acme.transport.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * How much one message (or one HTTP body) may ask of a service: the JSON every mapper reads, the numbers in it, the
 * size of a message on every transport. A caller over a limit gets a 400-class error, within a millisecond, and the
 * service goes on. Every key has an environment override ({@code NEST_LIMITS_NUMBER_DIGITS}, ...).
 */
@ConfigMapping(prefix = "nest.limits")
public interface LimitsConfig {

  /** The most significant digits of a number ({@code BigDecimal} precision). Default 100. */
  @WithDefault("100")
  int numberDigits();

  /**
   * The largest exponent of a number, either way ({@code BigDecimal} scale): {@code 1e100} and {@code 1e-100} pass,
   * {@code 1e10000000} (whose sum would take seconds of CPU and megabytes of digits) does not. Default 100.
   */
  @WithDefault("100")
  int numberScale();

  /** The deepest nesting of JSON arrays and objects. Default 64. */
  @WithDefault("64")
  int jsonDepth();

  /** The longest JSON string, in characters. Default 1048576 (1 Mi). */
  @WithDefault("1048576")
  int jsonStringLength();

  /** The most JSON tokens in one document (a 64 KiB body of {@code [{},{},…]} has 32 Ki). Default 100000. */
  @WithDefault("100000")
  long jsonTokens();

  /** The largest message a server takes on Redis, NATS, MQTT, RabbitMQ and Kafka, in bytes. Default 1048576 (1 MiB). */
  @WithDefault("1048576")
  int messageSize();
}
