package org.acme.math;

import org.acme.transport.handler.MessageContext;
import org.acme.transport.handler.MessageController;
import org.acme.transport.handler.MessagePattern;
import org.acme.transport.handler.NonBlockingHandler;

/**
 * Test-only handlers for the per-pattern transport options (Nest 11's {@code {qos}} and {@code {queue}} extras) and for
 * MQTT shared subscriptions: each answers who answered, or what the transport says it delivered.
 */
@MessageController
public class PatternOptionsProbe {

  static final String QOS_ZERO = "mqtt_qos_zero_probe";
  static final String QOS_DEFAULT = "mqtt_qos_default_probe";
  static final String NATS_QUEUE = "nats_queue_probe";
  /** The queue group {@link #NATS_QUEUE} asks for, unlike the service's own. */
  static final String NATS_QUEUE_GROUP = "nats-queue-probe";
  static final String SHARE = "mqtt_share_probe";

  /** Subscribed at QoS 0 whatever {@code nest.server.mqtt.qos} says: the broker delivers at most that. */
  @NonBlockingHandler
  @MessagePattern(value = QOS_ZERO, qos = 0)
  public Object qosZero(Object data, MessageContext context) {
    return context.details().get("qos");
  }

  @NonBlockingHandler
  @MessagePattern(QOS_DEFAULT)
  public Object qosDefault(Object data, MessageContext context) {
    return context.details().get("qos");
  }

  @NonBlockingHandler
  @MessagePattern(value = NATS_QUEUE, queue = NATS_QUEUE_GROUP)
  public String natsQueue(Object data) {
    return "java";
  }

  @NonBlockingHandler
  @MessagePattern(SHARE)
  public String share(Object data) {
    return "java";
  }
}
