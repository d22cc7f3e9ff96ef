package org.acme.order.client;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Context;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Singleton;
import java.util.Map;
import org.acme.contracts.order.OrderPatterns;
import org.acme.contracts.order.StatusChange;
import org.acme.order.config.OrderConfig;
import org.acme.transport.Transport;
import org.acme.transport.mqtt.MqttLink;
import org.acme.transport.tracing.MessageTracing;
import org.acme.transport.tracing.TracedPayload;
import org.acme.transport.tracing.LogMdc;

/**
 * Each status change on MQTT {@code orders/{orderId}/status}, retained, so whoever subscribes later (the
 * gateway's status stream, a dashboard) gets the latest at once. Best effort: the order in Redis is the truth.
 * Each is a PRODUCER span of the order's trace, whose context the message carries ({@link TracedPayload}), so the
 * gateway's reading of it is in that trace too.
 */
@Singleton
public class OrderStatusPublisher {

  private final MqttLink mqtt;
  private final ObjectMapper json;
  private final MessageTracing tracing;
  private final int qos;

  OrderStatusPublisher(MqttLink mqtt, ObjectMapper json, OrderConfig config, MessageTracing tracing) {
    this.mqtt = mqtt;
    this.json = json;
    this.tracing = tracing;
    this.qos = config.saga().statusQos();
  }

  /** Clears the order's retained status (an empty retained message is MQTT's way): new subscribers get nothing. */
  public Uni<Void> clear(String orderId) {
    return mqtt.publish(OrderPatterns.STATUS_TOPIC.formatted(orderId), "", qos, true).replaceWithVoid();
  }

  /** Announces the change in the order's trace ({@code orderTrace}, the entries stored with it; empty: a trace of its own). */
  public void publish(StatusChange change, Map<String, String> orderTrace) {
    String topic = OrderPatterns.STATUS_TOPIC.formatted(change.orderId());
    Span span = tracing.startSend(tracing.contextOf(orderTrace), Transport.MQTT.tag(), topic, true);
    String payload = TracedPayload.write(json, change, tracing.entriesOf(Context.root().with(span)));
    mqtt.publish(topic, payload, qos, true).subscribe().with(ok -> span.end(), e -> {
      MessageTracing.failed(span, e);
      span.end();
      LogMdc.order(change.orderId(), () -> Log.warnf("order %s: status %s not published on %s: %s", change.orderId(), change.status(),
          topic, e.getMessage()));
    });
  }
}
