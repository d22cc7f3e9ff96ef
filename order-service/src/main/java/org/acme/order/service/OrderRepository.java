package org.acme.order.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import io.vertx.mutiny.redis.client.Response;
import org.acme.contracts.order.Order;
import org.acme.order.config.OrderConfig;
import org.acme.transport.redis.RedisLink;
import org.acme.transport.redis.RedisScript;

/**
 * Orders in Redis, one hash per order ({@code v}: a version, {@code json}: the order), and a set of the unfinished
 * ones for recovery. Every change is a compare-and-set on the version, in a Lua script, so a payment event and
 * the saga's own reply racing for the same step move the order once, whichever service instance gets them.
 */
@Singleton
public class OrderRepository {

  /**
   * An order as read, with the version a change must start from, and the trace context it was placed in (W3C
   * entries, empty if none), so that its saga's steps join the order's trace whoever runs them, whenever.
   */
  public record Stored(Order order, long version, Map<String, String> trace) {
  }

  private static final RedisScript CREATE = RedisScript.of("create-order", """
      if redis.call('EXISTS', KEYS[1]) == 1 then return 0 end
      redis.call('HSET', KEYS[1], 'v', '1', 'json', ARGV[1], 'trace', ARGV[3])
      redis.call('SADD', KEYS[2], ARGV[2])
      return 1""");
  /**
   * Creates the order unless the idempotency key names one already: answers the key's order, its request's
   * fingerprint, and 1 when this call created it. One script, so two deliveries of a key race to one order.
   */
  private static final RedisScript CREATE_ONCE = RedisScript.of("create-order-once", """
      local known = redis.call('HMGET', KEYS[1], 'order', 'fingerprint')
      if known[1] then return {known[1], known[2], 0} end
      redis.call('HSET', KEYS[1], 'order', ARGV[1], 'fingerprint', ARGV[2])
      redis.call('PEXPIRE', KEYS[1], ARGV[3])
      redis.call('HSET', KEYS[2], 'v', '1', 'json', ARGV[4], 'trace', ARGV[5])
      redis.call('SADD', KEYS[3], ARGV[1])
      return {ARGV[1], ARGV[2], 1}""");
  /** Changes the order; once it is finished it expires after the retention and its MQTT status is due for clearing. */
  private static final RedisScript REPLACE = RedisScript.of("replace-order", """
      if redis.call('HGET', KEYS[1], 'v') ~= ARGV[1] then return 0 end
      redis.call('HSET', KEYS[1], 'v', ARGV[2], 'json', ARGV[3])
      if ARGV[4] == '1' then
        redis.call('SREM', KEYS[2], ARGV[5])
        redis.call('PEXPIRE', KEYS[1], ARGV[6])
        redis.call('ZADD', KEYS[3], ARGV[7], ARGV[5])
      end
      return 1""");

  private final RedisLink redis;
  private final ObjectMapper json;
  private final String prefix;
  private final Duration retention;
  private final Duration statusRetention;

  OrderRepository(RedisLink redis, ObjectMapper json, OrderConfig config) {
    this.redis = redis;
    this.json = json;
    this.prefix = config.saga().keyPrefix();
    this.retention = config.retention();
    this.statusRetention = config.statusRetention();
    if (config.idempotency().retention().compareTo(retention) > 0) {
      throw new IllegalStateException("order.idempotency.retention (" + config.idempotency().retention()
          + ") is longer than order.retention (" + retention + "): a retried key would name an order that is gone");
    }
  }

  public Uni<Void> create(Order order, Map<String, String> trace) {
    return CREATE.run(redis.dataSource(), List.of(key(order.orderId()), openKey()), List.of(write(order), order.orderId(), write(trace)))
        .invoke(created -> {
          if (created.toInteger() != 1) {
            throw new IllegalStateException("order " + order.orderId() + " exists already");
          }
        }).replaceWithVoid();
  }

  /** What an idempotency key stands for: its order, whether this call placed it, and whether the requests agree. */
  public record Placement(String orderId, boolean created, boolean sameRequest) {
  }

  /** Stores the order as the key's order, or answers the order the key has already (kept for {@code retention}). */
  public Uni<Placement> createOnce(String idempotencyKey, String fingerprint, Order order, Duration retention, Map<String, String> trace) {
    return CREATE_ONCE.run(redis.dataSource(), List.of(prefix + ":idempotency:" + idempotencyKey, key(order.orderId()), openKey()),
            List.of(order.orderId(), fingerprint, String.valueOf(retention.toMillis()), write(order), write(trace)))
        .map(answer -> new Placement(answer.get(0).toString(), answer.get(2).toInteger() == 1, fingerprint.equals(answer.get(1).toString())));
  }

  public Uni<Optional<Stored>> find(String orderId) {
    return redis.dataSource().execute("HMGET", key(orderId), "v", "json", "trace").map(fields -> {
      if (fields.get(0) == null || fields.get(1) == null) {
        return Optional.empty();
      }
      return Optional.of(new Stored(read(fields.get(1).toString()), fields.get(0).toLong(), trace(fields.get(2))));
    });
  }

  /** Replaces the order if nobody changed it since it was read; false if somebody did. */
  public Uni<Boolean> replace(Stored current, Order next) {
    long clearStatusAt = System.currentTimeMillis() + statusRetention.toMillis();
    return REPLACE.run(redis.dataSource(), List.of(key(next.orderId()), openKey(), statusesKey()), List.of(String.valueOf(current.version()),
        String.valueOf(current.version() + 1), write(next), next.finished() ? "1" : "0", next.orderId(),
        String.valueOf(retention.toMillis()), String.valueOf(clearStatusAt)))
        .map(done -> done.toInteger() == 1);
  }

  /** Finished orders whose retained MQTT status is due for clearing now, at most {@code max}. */
  public Uni<List<String>> statusesDue(int max) {
    return redis.dataSource().execute("ZRANGEBYSCORE", statusesKey(), "-inf", String.valueOf(System.currentTimeMillis()),
        "LIMIT", "0", String.valueOf(max)).map(OrderRepository::ids);
  }

  /** The order's retained status is cleared: it is due no more. */
  public Uni<Void> statusCleared(String orderId) {
    return redis.dataSource().execute("ZREM", statusesKey(), orderId).replaceWithVoid();
  }

  /** The ids of the orders whose saga has not finished. */
  public Uni<List<String>> unfinished() {
    return redis.dataSource().execute("SMEMBERS", openKey()).map(OrderRepository::ids);
  }

  private static List<String> ids(Response members) {
    List<String> ids = new ArrayList<>();
    members.forEach(id -> ids.add(id.toString()));
    return ids;
  }

  private String key(String orderId) {
    return prefix + ":" + orderId;
  }

  private String openKey() {
    return prefix + ":unfinished";
  }

  private String statusesKey() {
    return prefix + ":status-clearing";
  }

  /** The trace context as stored; none for an order stored before traces were (or by a test). */
  private Map<String, String> trace(Response field) {
    if (field == null) {
      return Map.of();
    }
    try {
      return json.readValue(field.toString(), new TypeReference<Map<String, String>>() {
      });
    } catch (JsonProcessingException e) {
      return Map.of();
    }
  }

  private String write(Object value) {
    try {
      return json.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private Order read(String text) {
    try {
      return json.readValue(text, Order.class);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("order in Redis is not readable: " + e.getMessage(), e);
    }
  }
}
