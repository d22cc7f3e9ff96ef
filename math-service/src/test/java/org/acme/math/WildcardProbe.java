package org.acme.math;

import java.util.Map;
import org.acme.transport.handler.MessageContext;
import org.acme.transport.handler.MessageController;
import org.acme.transport.handler.MessagePattern;
import org.acme.transport.handler.NonBlockingHandler;

/**
 * Test-only handler on wildcard patterns, MQTT's ({@code +}, {@code #}), NATS's ({@code *}, {@code >}) and Redis globs
 * (the NATS ones read as globs too, and {@link #REDIS_ALL_BELOW}): says which topic, subject or channel it got.
 */
@MessageController
public class WildcardProbe {

  static final String MQTT_ONE_LEVEL = "wildprobe/+/temp";
  static final String MQTT_ALL_BELOW = "wildprobe/all/#";
  static final String NATS_ONE_TOKEN = "wildprobe.*.temp";
  static final String NATS_ALL_BELOW = "wildprobe.all.>";
  /** On Redis, a glob that also matches the reply channels of what it answers. */
  static final String REDIS_ALL_BELOW = "wildprobe.glob.*";

  @NonBlockingHandler
  @MessagePattern({MQTT_ONE_LEVEL, MQTT_ALL_BELOW, NATS_ONE_TOKEN, NATS_ALL_BELOW, REDIS_ALL_BELOW})
  public Map<String, Object> probe(Object data, MessageContext context) {
    return Map.of("pattern", context.pattern(), "transport", context.transport(), "data", data);
  }
}
