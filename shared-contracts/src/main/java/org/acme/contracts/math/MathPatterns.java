package org.acme.contracts.math;

/**
 * The math rows of the pattern catalogue, as the routes NestJS computes for them.
 * <p>
 * Object patterns are written in their normalised form (keys sorted, no whitespace), which is what a Nest
 * client puts in a Redis channel, NATS subject or MQTT topic. Kafka topic names cannot hold {@code {}}, so each
 * pattern also has a plain string alias, the {@code KAFKA_*} constants.
 */
public final class MathPatterns {

  /** {@code {cmd:'sum'}}: {@code number[]} to their sum (an empty list gives 0). */
  public static final String SUM = "{\"cmd\":\"sum\"}";
  /**
   * {@code {cmd:'sum', v:2}}: version 2 of sum, served beside version 1 ({@link #SUM}, unchanged): the same numbers to a
   * {@link SumSummary} (sum, count, min, max, mean). A new version is a new pattern, so v1's callers, Nest or Java,
   * never see its new shape (README "Evolving a pattern").
   */
  public static final String SUM_V2 = "{\"cmd\":\"sum\",\"v\":2}";
  /** {@code {role:'math', cmd:'sum'}}: the same handler under a two-key pattern. */
  public static final String ROLE_SUM = "{\"cmd\":\"sum\",\"role\":\"math\"}";
  /** {@code multiply}: {@code {a,b}} to {@code a*b}. */
  public static final String MULTIPLY = "multiply";
  /** {@code {cmd:'count'}}: {@code {to:n}} to n streamed responses 1..n. */
  public static final String COUNT = "{\"cmd\":\"count\"}";
  /** {@code {cmd:'protected'}}: guarded by a token. */
  public static final String PROTECTED = "{\"cmd\":\"protected\"}";
  /** {@code {cmd:'admin'}}: only for a caller with the {@value #ADMIN_ROLE} role (a role guard on the propagated identity). */
  public static final String ADMIN = "{\"cmd\":\"admin\"}";
  /** The role {@link #ADMIN} asks of its caller. */
  public static final String ADMIN_ROLE = "admin";
  /** {@code {cmd:'data'}}: echoes its data; empty data meets the exception filter. */
  public static final String DATA = "{\"cmd\":\"data\"}";
  /** {@code {cmd:'get_data'}}: answers with what its context knows. */
  public static final String GET_DATA = "{\"cmd\":\"get_data\"}";
  /** {@code {cmd:'users_seen'}}: the user ids this transport's {@code user_created} events delivered. */
  public static final String USERS_SEEN = "{\"cmd\":\"users_seen\"}";
  /** {@code {cmd:'never'}}: never answers; the fixture for deadline tests. */
  public static final String NEVER = "{\"cmd\":\"never\"}";
  /**
   * {@code {cmd:'delay'}}: {@code {ms}} (at most 30 s) answered with {@code ms} after that long, without holding a
   * thread; the fixture for requests in flight (graceful drain tests).
   */
  public static final String DELAY = "{\"cmd\":\"delay\"}";
  /**
   * {@code delay_event}: an event whose handler takes {@code {ms}} (at most 30 s) to finish; the fixture for events in
   * flight when a service stops (handed back to the broker).
   */
  public static final String DELAY_EVENT = "delay_event";
  /** {@code user_created}: an event, no reply. */
  public static final String USER_CREATED = "user_created";

  public static final String KAFKA_SUM = "sum";
  public static final String KAFKA_SUM_V2 = "sum.v2";
  public static final String KAFKA_COUNT = "count";
  public static final String KAFKA_PROTECTED = "protected";
  public static final String KAFKA_ADMIN = "admin";
  public static final String KAFKA_DATA = "data";
  public static final String KAFKA_GET_DATA = "get_data";
  public static final String KAFKA_USERS_SEEN = "users_seen";
  public static final String KAFKA_NEVER = "never";
  public static final String KAFKA_DELAY = "delay";

  /** The RabbitMQ queue math-service consumes; Nest clients must name the same one. */
  public static final String RMQ_QUEUE = "math_queue";

  private MathPatterns() {
  }
}
