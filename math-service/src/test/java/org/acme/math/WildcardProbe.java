package org.acme.math;

import java.util.Map;
import org.acme.transport.handler.MessageContext;
import org.acme.transport.handler.MessageController;
import org.acme.transport.handler.MessagePattern;
import org.acme.transport.handler.NonBlockingHandler;

/** Test-only handler on wildcard patterns, MQTT's ({@code +}, {@code #}) and NATS's ({@code *}, {@code >}): says which topic or subject it got. */
@MessageController
public class WildcardProbe {

  static final String MQTT_ONE_LEVEL = "wildprobe/+/temp";
  static final String MQTT_ALL_BELOW = "wildprobe/all/#";
  static final String NATS_ONE_TOKEN = "wildprobe.*.temp";
  static final String NATS_ALL_BELOW = "wildprobe.all.>";

  @NonBlockingHandler
  @MessagePattern({MQTT_ONE_LEVEL, MQTT_ALL_BELOW, NATS_ONE_TOKEN, NATS_ALL_BELOW})
  public Map<String, Object> probe(Object data, MessageContext context) {
    return Map.of("pattern", context.pattern(), "transport", context.transport(), "data", data);
  }
}
