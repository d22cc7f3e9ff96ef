package org.acme.gateway.orders;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.Tags;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Context;
import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.operators.multi.processors.BroadcastProcessor;
import io.smallrye.mutiny.subscription.Cancellable;
import io.smallrye.mutiny.subscription.MultiEmitter;
import io.vertx.mutiny.mqtt.messages.MqttPublishMessage;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.acme.contracts.order.Order;
import org.acme.contracts.order.StatusChange;
import org.acme.gateway.config.GatewayConfig;
import org.acme.transport.Transport;
import org.acme.transport.metrics.AppGauges;
import org.acme.transport.mqtt.MqttLink;
import org.acme.transport.tracing.MessageTracing;
import org.acme.transport.tracing.TraceScope;
import org.acme.transport.tracing.TracedPayload;

/**
 * An order's statuses as they happen: what it went through so far (get_order), then each change order-service
 * announces on MQTT {@code orders/{orderId}/status}, until the saga ends. One wildcard subscription serves every
 * follower; a stream that hears nothing for {@code gateway.orders.stream-idle} ends quietly. The gauge
 * {@code gateway.orders.followers} counts the streams open now: each one gives its place up when it ends, whether
 * the saga finished, it went idle or its caller hung up. Each status read is a CONSUMER span of the order's trace,
 * when the message carries its context.
 */
@Singleton
public class OrderStatusStream {

  private static final String ALL_ORDERS = "orders/+/status";
  private final BroadcastProcessor<StatusChange> changes = BroadcastProcessor.create();
  private final MqttLink mqtt;
  private final OrdersClient orders;
  private final ObjectMapper json;
  private final GatewayConfig config;
  private final AtomicInteger followers = new AtomicInteger();
  private final MessageTracing tracing;

  OrderStatusStream(MqttLink mqtt, OrdersClient orders, ObjectMapper json, GatewayConfig config, AppGauges gauges,
      MessageTracing tracing) {
    this.tracing = tracing;
    this.mqtt = mqtt;
    this.orders = orders;
    this.json = json;
    this.config = config;
    gauges.register("gateway.orders.followers", "Order status streams open now", Tags.empty(), followers, AtomicInteger::get);
  }

  void listen(@Observes StartupEvent event) {
    mqtt.subscribe(ALL_ORDERS, 1, this::heard)
        .subscribe().with(ok -> { }, e -> Log.warnf("cannot follow %s: %s", ALL_ORDERS, e.getMessage()));
  }

  private void heard(MqttPublishMessage message) {
    if (message.payload().length() == 0) {
      return; // order-service cleared a finished order's retained status: nothing changed
    }
    StatusChange change;
    Map<String, String> trace;
    try {
      JsonNode tree = json.readTree(message.payload().toString(StandardCharsets.UTF_8));
      trace = TracedPayload.take(tree);
      change = json.treeToValue(tree, StatusChange.class);
    } catch (Exception e) {
      Log.warnf("order status on %s is not readable: %s", message.topicName(), e.getMessage());
      return;
    }
    // read in the order's trace: the followers' SSE events go out inside this span
    Context read = tracing.startReceive(Transport.MQTT.tag(), message.topicName(), trace);
    try {
      TraceScope.call(read, () -> {
        changes.onNext(change);
        return null;
      });
    } finally {
      Span.fromContext(read).end();
    }
  }

  /**
   * The stream of one order. Blocks (call it on a worker thread) until the history is in, because an SSE
   * response is committed as 200 the moment its stream starts: fetched first, an unknown order is a 404 (and a
   * deadline a 504) like on any other route. Changes heard meanwhile wait for the history.
   */
  public Multi<StatusChange> follow(String orderId) {
    Follower follower = new Follower(orderId);
    try {
      // bounded: the client gives every attempt a deadline and retries a few times only
      follower.after(json.convertValue(orders.get(orderId).await().indefinitely(), Order.class));
    } catch (RuntimeException e) {
      follower.stop();
      throw e;
    }
    return follower.stream().ifNoItem().after(config.orders().streamIdle()).recoverWithCompletion();
  }

  /** Live changes wait until the history is out, so the stream is in order and each status comes once. */
  private final class Follower {
    private final String orderId;
    private final Cancellable live;
    private final AtomicBoolean stopped = new AtomicBoolean();
    private final Set<String> sent = new HashSet<>();
    private List<StatusChange> early = new ArrayList<>();
    private Order history;
    private MultiEmitter<? super StatusChange> emitter;

    Follower(String orderId) {
      this.orderId = orderId;
      followers.incrementAndGet();
      this.live = changes.filter(change -> orderId.equals(change.orderId())).subscribe().with(this::live);
    }

    Follower after(Order order) {
      this.history = order;
      return this;
    }

    Multi<StatusChange> stream() {
      return Multi.createFrom().emitter(started -> {
        started.onTermination(this::stop);
        List<StatusChange> waiting;
        synchronized (this) {
          emitter = started;
          history.history().forEach(this::send);
          waiting = early;
          early = null;
        }
        waiting.forEach(this::live);
      });
    }

    void stop() {
      if (stopped.compareAndSet(false, true)) {
        live.cancel();
        followers.decrementAndGet();
      }
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
