package org.acme.transport.mqtt;

import io.netty.handler.codec.mqtt.MqttQoS;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.vertx.core.AsyncResult;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.mqtt.MqttClientOptions;
import io.vertx.mutiny.core.Context;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.mqtt.MqttClient;
import io.vertx.mutiny.mqtt.messages.MqttPublishMessage;
import jakarta.inject.Singleton;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.acme.transport.Transport;
import org.acme.transport.broker.BrokerLink;
import org.acme.transport.broker.BrokerUnavailableException;
import org.acme.transport.broker.LastRefusal;
import org.acme.transport.config.BrokersConfig;
import org.acme.transport.config.NamedTls;

/**
 * One MQTT client per service. The Vert.x client does not reconnect by itself, so this link does, and
 * subscribes again to every filter it was given: servers and clients subscribe once and keep their
 * subscriptions across broker restarts.
 */
@Singleton
public class MqttLink implements BrokerLink {

  private record Subscription(int qos, Consumer<MqttPublishMessage> handler) {
  }

  private final MqttBrokerConfig mqtt;
  private final BrokersConfig config;
  private final Vertx vertx;
  private final Context context;
  private final Map<String, Subscription> subscriptions = new ConcurrentHashMap<>();
  private volatile MqttClient client;
  private volatile boolean stopped;
  private final LastRefusal refusal = new LastRefusal("MQTT", "cannot connect: ");
  private final NamedTls tls;

  MqttLink(MqttBrokerConfig mqtt, BrokersConfig config, Vertx vertx, NamedTls tls) {
    this.mqtt = mqtt;
    this.config = config;
    this.tls = tls;
    this.vertx = vertx;
    this.context = vertx.getOrCreateContext();
  }

  @Override
  public String broker() {
    return Transport.MQTT.broker();
  }

  @Override
  public String address() {
    return (mqtt.tlsConfigurationName().isPresent() ? "mqtts://" : "mqtt://") + mqtt.host() + ":" + mqtt.port();
  }

  @Override
  public boolean enabled() {
    return mqtt.enabled();
  }

  public boolean connected() {
    MqttClient current = client;
    return current != null && current.isConnected();
  }

  @Override
  public void start() {
    context.runOnContext(this::connect);
  }

  private void connect() {
    if (stopped) {
      return;
    }
    MqttClientOptions options = new MqttClientOptions()
        .setClientId("nest-java-" + UUID.randomUUID())
        .setCleanSession(true)
        .setAutoKeepAlive(true)
        .setMaxMessageSize(16 * 1024 * 1024)
        .setMaxInflightQueue(1024);
    // without it Nagle's algorithm meets the broker's delayed ACKs and QoS 1 crawls at ~60 messages a second
    options.setTcpNoDelay(true);
    mqtt.username().ifPresent(options::setUsername);
    mqtt.password().ifPresent(options::setPassword);
    tls.find(Transport.MQTT.broker(), mqtt.tlsConfigurationName()).ifPresent(named -> NamedTls.client(named, options));
    MqttClient fresh = MqttClient.create(vertx, options);
    fresh.publishHandler(this::dispatch);
    fresh.exceptionHandler(e -> Log.warnf(e, "MQTT %s: %s", address(), e.getMessage()));
    fresh.closeHandler(() -> {
      if (!stopped) {
        Log.warnf("MQTT %s: connection lost, reconnecting", address());
        retryLater();
      }
    });
    fresh.connect(mqtt.port(), mqtt.host()).subscribe().with(ack -> {
      client = fresh;
      refusal.connected();
      Log.infof("MQTT %s: connected", address());
      subscriptions.forEach((filter, sub) -> fresh.subscribe(filter, sub.qos()).subscribe().with(id -> {
      }, e -> Log.warnf("MQTT re-subscribe to %s failed: %s", filter, e.getMessage())));
    }, failure -> {
      refusal.refused(address(), String.valueOf(failure.getMessage()));
      retryLater();
    });
  }

  private void retryLater() {
    if (!stopped) {
      vertx.setTimer(config.reconnectDelay().toMillis(), id -> connect());
    }
  }

  private void dispatch(MqttPublishMessage message) {
    String topic = message.topicName();
    subscriptions.forEach((filter, sub) -> {
      if (MqttTopics.matches(filter, topic)) {
        sub.handler().accept(message);
      }
    });
  }

  /** Subscribes now if connected, and again after every reconnect. */
  public Uni<Void> subscribe(String filter, int qos, Consumer<MqttPublishMessage> handler) {
    subscriptions.put(filter, new Subscription(qos, handler));
    MqttClient current = client;
    if (current == null || !current.isConnected()) {
      return Uni.createFrom().voidItem();
    }
    return Uni.createFrom().<Void>emitter(done -> context.runOnContext(() -> current.subscribe(filter, qos)
        .subscribe().with(id -> done.complete(null), done::fail)));
  }

  /** Stops following the filter, here and at the broker. */
  public Uni<Void> unsubscribe(String filter) {
    subscriptions.remove(filter);
    MqttClient current = client;
    if (current == null || !current.isConnected()) {
      return Uni.createFrom().voidItem();
    }
    return Uni.createFrom().<Void>emitter(done -> context.runOnContext(() -> current.unsubscribe(filter)
        .subscribe().with(id -> done.complete(null), done::fail)));
  }

  /** Publishes, failing at once when the broker is away rather than queueing silently. */
  public Uni<Void> publish(String topic, String payload, int qos, boolean retain) {
    MqttClient current = client;
    if (current == null || !current.isConnected()) {
      return Uni.createFrom().failure(new BrokerUnavailableException(Transport.MQTT, address()));
    }
    return Uni.createFrom().<Void>emitter(done -> write(current, topic, payload, qos, retain, written -> {
      if (written.succeeded()) {
        done.complete(null);
      } else {
        done.fail(written.cause());
      }
    }));
  }

  /**
   * The same without a Uni, for a server's replies: its subscription and callbacks were a fifth of a request's time
   * (JFR). {@code written} hears whether the message went out, a broker away included.
   */
  public void send(String topic, String payload, int qos, boolean retain, Handler<AsyncResult<Integer>> written) {
    MqttClient current = client;
    if (current == null || !current.isConnected()) {
      written.handle(Future.failedFuture(new BrokerUnavailableException(Transport.MQTT, address())));
      return;
    }
    write(current, topic, payload, qos, retain, written);
  }

  // The Vert.x MQTT client is not thread-safe: publishing from callers' threads mixed up its writes and the
  // connection dropped under a burst. Every publish goes through the link's own event-loop context.
  // A write that fails is "not now": the connection closed under it (a broker killed between the isConnected check and
  // the write gives Netty's bare StacklessClosedChannelException) or the in-flight window is full; either way the
  // caller gets the broker's unavailability, which it knows how to treat, rather than a transport detail.
  private void write(MqttClient current, String topic, String payload, int qos, boolean retain, Handler<AsyncResult<Integer>> written) {
    onContext(() -> current.getDelegate().publish(topic, io.vertx.core.buffer.Buffer.buffer(payload), MqttQoS.valueOf(qos), false, retain)
        .recover(failure -> Future.failedFuture(failure instanceof BrokerUnavailableException ? failure
            : new BrokerUnavailableException(Transport.MQTT, address() + " (" + failure.getClass().getSimpleName() + ": " + failure.getMessage() + ")")))
        .onComplete(written));
  }

  /**
   * Runs the task now when the caller is already on the link's context (a server replying from its message handler),
   * else hands it over. JFR showed every reply as a task of its own on the event loop, each written and flushed
   * alone (one socket write per message); run inside the read of the request, the write is flushed once with the
   * others of that read.
   */
  private void onContext(Runnable task) {
    if (io.vertx.core.Vertx.currentContext() == context.getDelegate()) {
      task.run();
    } else {
      context.runOnContext(task);
    }
  }

  @Override
  public void stop() {
    stopped = true;
    MqttClient current = client;
    if (current != null && current.isConnected()) {
      current.disconnectAndForget();
    }
  }

  @Override
  public Uni<Void> ping() {
    return connected() ? Uni.createFrom().voidItem() : Uni.createFrom().failure(new IllegalStateException(refusal.describe("not connected")));
  }
}
