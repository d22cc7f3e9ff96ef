package org.acme.payment.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.value.ReactiveValueCommands;
import io.quarkus.redis.datasource.value.SetArgs;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.acme.contracts.payment.PaymentResult;
import org.acme.payment.config.PaymentConfig;
import org.acme.transport.redis.RedisScript;

/**
 * The ledger in Redis, one key per fact and order: the charge ({@code <prefix>charge:<orderId>}), the refund
 * ({@code <prefix>refund:<orderId>}) and the state of the charge's event ({@code <prefix>event:<orderId>}).
 * <p>
 * Every first write is {@code SET key value NX GET} (Redis 7.0+): one atomic command that either stores the value
 * or hands back the one stored before, so concurrent duplicates all end up with the first answer and only one of
 * them learns it was first. Every fact expires after {@code payment.retention}.
 */
@Singleton
public class PaymentLedger {

  /** The event key's value once order-service's event is on Kafka; while someone publishes it holds their token. */
  private static final String PUBLISHED = "published";
  /** Deletes the event key only if it still holds the caller's token: a claim that expired may be someone else's now. */
  private static final RedisScript RELEASE = RedisScript.of("release-claim",
      "if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0");

  /** What {@link #claimPublication} found. */
  public enum Publication { ALREADY_PUBLISHED, CLAIMED, CLAIMED_BY_ANOTHER }

  /** A stored value, and whether this call stored it. */
  public record Stored(PaymentResult result, boolean first) {
  }

  private final ReactiveRedisDataSource redis;
  private final ReactiveValueCommands<String, String> values;
  private final ObjectMapper json;
  private final String prefix;
  private final Duration retention;

  PaymentLedger(ReactiveRedisDataSource redis, ObjectMapper json, PaymentConfig config) {
    this.retention = config.retention();
    this.redis = redis;
    this.values = redis.value(String.class);
    this.json = json;
    this.prefix = config.keyPrefix();
  }

  /** Stores the charge unless the order has one; either way, the order's charge. */
  public Uni<Stored> recordCharge(PaymentResult candidate) {
    return storeFirst(key("charge", candidate.orderId()), candidate);
  }

  public Uni<Optional<PaymentResult>> charge(String orderId) {
    return find("charge", orderId);
  }

  public Uni<Optional<PaymentResult>> refund(String orderId) {
    return find("refund", orderId);
  }

  /** Stores the refund unless the order has one; either way, the order's refund. */
  public Uni<Stored> recordRefund(PaymentResult candidate) {
    return storeFirst(key("refund", candidate.orderId()), candidate);
  }

  /**
   * Claims the right to publish the order's event, for {@code lease} (after which a crashed publisher's claim lapses),
   * unless it is published already or someone else holds the claim.
   */
  public Uni<Publication> claimPublication(String orderId, String token, Duration lease) {
    return values.setGet(key("event", orderId), token, new SetArgs().nx().px(lease)).map(before -> {
      if (before == null) {
        return Publication.CLAIMED;
      }
      return PUBLISHED.equals(before) ? Publication.ALREADY_PUBLISHED : Publication.CLAIMED_BY_ANOTHER;
    });
  }

  /** The event is on Kafka: no one publishes it again. A new SET, so the claim's lease becomes the retention. */
  public Uni<Void> markPublished(String orderId) {
    return values.set(key("event", orderId), PUBLISHED, new SetArgs().px(retention));
  }

  /** Gives up a claim after a failed publication, so the next request for the order may try at once. */
  public Uni<Void> releasePublication(String orderId, String token) {
    return RELEASE.run(redis, List.of(key("event", orderId)), List.of(token)).replaceWithVoid();
  }

  private Uni<Optional<PaymentResult>> find(String fact, String orderId) {
    return values.get(key(fact, orderId)).map(stored -> Optional.ofNullable(stored).map(this::read));
  }

  private Uni<Stored> storeFirst(String key, PaymentResult candidate) {
    return values.setGet(key, write(candidate), new SetArgs().nx().px(retention))
        .map(before -> before == null ? new Stored(candidate, true) : new Stored(read(before), false));
  }

  private String key(String fact, String orderId) {
    return prefix + fact + ":" + orderId;
  }

  private String write(PaymentResult result) {
    try {
      return json.writeValueAsString(result);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write a payment result", e);
    }
  }

  private PaymentResult read(String stored) {
    try {
      return json.readValue(stored, PaymentResult.class);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("unreadable ledger entry: " + stored, e);
    }
  }
}
