package org.acme.payment.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;

/**
 * payment-service's own settings: the rules of its fake, deterministic card processor, where it keeps its ledger in
 * Redis, and how long publishing a payment event may take.
 *
 * @see org.acme.payment.service.PaymentRules
 */
@ConfigMapping(prefix = "payment")
public interface PaymentConfig {

  /** The largest amount the processor accepts; anything above is declined, the limit itself is not. Default 1000. */
  @WithDefault("1000")
  BigDecimal limit();

  /** Payment methods the processor always declines (exact match, comma-separated). Default {@code declined-card}. */
  @WithDefault("declined-card")
  Set<String> declinedMethods();

  /**
   * Prefix of every Redis key this service owns ({@code <prefix>charge:<orderId>}, {@code <prefix>refund:<orderId>},
   * {@code <prefix>event:<orderId>}). Default {@code payment:}. Tests give each run its own, so builds sharing a
   * Redis do not meet.
   */
  @WithDefault("payment:")
  String keyPrefix();

  /**
   * How long a payment's facts (its charge, refund and event state) stay in Redis; then they expire, so Redis does not
   * grow for ever. Well beyond any saga's patience and any redelivery: a charge asked for again after this is a new
   * charge. Keep it at least {@code order.retention}, so an order that can still be read has its payment. Default 30d.
   */
  @WithDefault("30d")
  Duration retention();

  /**
   * How long publishing a payment's event to order-service (Kafka) may take before {@code process_payment} answers
   * with a retryable error instead. A concurrent request for the same order waits for that publication up to twice
   * this long, then answers the same error; a publisher that crashed loses its claim after twice this long. Default 5s.
   */
  @WithDefault("5s")
  Duration eventTimeout();

  /**
   * The broker users that may charge and refund ({@code process_payment}, {@code refund_payment}): the saga's,
   * {@code order-service}, where each service has its own RabbitMQ user. The sender is the message's {@code user_id},
   * which RabbitMQ checks against the publisher's login. Anyone else is refused (403); {@code get_payment} stays open.
   * Default: not set, anyone (local development, where every service logs in as the same user).
   */
  Optional<Set<String>> commandSenders();
}
