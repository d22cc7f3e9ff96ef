package org.acme.order.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Singleton;
import org.acme.contracts.order.OrderPatterns;
import org.acme.contracts.order.StatusChange;
import org.acme.order.config.OrderConfig;
import org.acme.transport.broker.MqttLink;

/**
 * Each status change on MQTT {@code orders/{orderId}/status}, retained, so whoever subscribes later (the
 * gateway's status stream, a dashboard) gets the latest at once. Best effort: the order in Redis is the truth.
 */
@Singleton
public class OrderStatusPublisher {

  private final MqttLink mqtt;
  private final ObjectMapper json;
  private final int qos;

  OrderStatusPublisher(MqttLink mqtt, ObjectMapper json, OrderConfig config) {
    this.mqtt = mqtt;
    this.json = json;
    this.qos = config.saga().statusQos();
  }

  /** Clears the order's retained status (an empty retained message is MQTT's way): new subscribers get nothing. */
  public Uni<Void> clear(String orderId) {
    return mqtt.publish(OrderPatterns.STATUS_TOPIC.formatted(orderId), "", qos, true).replaceWithVoid();
  }

  public void publish(StatusChange change) {
    String topic = OrderPatterns.STATUS_TOPIC.formatted(change.orderId());
    try {
      mqtt.publish(topic, json.writeValueAsString(change), qos, true).subscribe().with(ok -> { },
          e -> Log.warnf("order %s: status %s not published on %s: %s", change.orderId(), change.status(), topic, e.getMessage()));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
