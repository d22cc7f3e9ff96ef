package org.acme.gateway.orders;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.operators.multi.processors.BroadcastProcessor;
import io.smallrye.mutiny.subscription.Cancellable;
import io.smallrye.mutiny.subscription.MultiEmitter;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.acme.contracts.order.Order;
import org.acme.contracts.order.StatusChange;
import org.acme.gateway.config.GatewayConfig;
import org.acme.transport.broker.MqttLink;

/**
 * An order's statuses as they happen: what it went through so far (get_order), then each change order-service
 * announces on MQTT {@code orders/{orderId}/status}, until the saga ends. One wildcard subscription serves every
 * follower; a stream that hears nothing for {@code gateway.orders.stream-idle} ends quietly.
 */
@Singleton
public class OrderStatusStream {

  private static final String ALL_ORDERS = "orders/+/status";
  private final BroadcastProcessor<StatusChange> changes = BroadcastProcessor.create();
  private final MqttLink mqtt;
  private final OrdersClient orders;
  private final ObjectMapper json;
  private final GatewayConfig config;

  OrderStatusStream(MqttLink mqtt, OrdersClient orders, ObjectMapper json, GatewayConfig config) {
    this.mqtt = mqtt;
    this.orders = orders;
    this.json = json;
    this.config = config;
  }

  void listen(@Observes StartupEvent event) {
    mqtt.subscribe(ALL_ORDERS, 1, message -> {
      try {
        changes.onNext(json.readValue(message.payload().toString(StandardCharsets.UTF_8), StatusChange.class));
      } catch (Exception e) {
        Log.warnf("order status on %s is not readable: %s", message.topicName(), e.getMessage());
      }
    }).subscribe().with(ok -> { }, e -> Log.warnf("cannot follow %s: %s", ALL_ORDERS, e.getMessage()));
  }

  public Multi<StatusChange> follow(String orderId) {
    Multi<StatusChange> statuses = Multi.createFrom().emitter(emitter -> new Follower(orderId, emitter).start());
    return statuses.ifNoItem().after(config.orders().streamIdle()).recoverWithCompletion();
  }

  /** Live changes wait until the history is out, so the stream is in order and each status comes once. */
  private final class Follower {
    private final String orderId;
    private final MultiEmitter<? super StatusChange> emitter;
    private final Set<String> sent = new HashSet<>();
    private List<StatusChange> early = new ArrayList<>();

    Follower(String orderId, MultiEmitter<? super StatusChange> emitter) {
      this.orderId = orderId;
      this.emitter = emitter;
    }

    void start() {
      Cancellable live = changes.filter(change -> orderId.equals(change.orderId())).subscribe().with(this::live);
      emitter.onTermination(live::cancel);
      orders.get(orderId).subscribe().with(answer -> {
        Order order = json.convertValue(answer, Order.class);
        List<StatusChange> waiting;
        synchronized (this) {
          order.history().forEach(this::send);
          waiting = early;
          early = null;
        }
        waiting.forEach(this::live);
      }, emitter::fail);
    }

    private void live(StatusChange change) {
      synchronized (this) {
        if (early != null) {
          early.add(change);
          return;
        }
        send(change);
      }
    }

    private void send(StatusChange change) {
      if (!sent.add(change.status())) {
        return;
      }
      emitter.emit(change);
      if (List.of(Order.CONFIRMED, Order.REJECTED, Order.CANCELLED).contains(change.status())) {
        emitter.complete();
      }
    }
  }
}
