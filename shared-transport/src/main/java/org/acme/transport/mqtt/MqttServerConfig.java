package org.acme.transport.mqtt;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.Optional;
import org.acme.transport.config.Toggle;

/** Nest's MQTT transport, server side ({@link MqttServer}): off unless enabled. */
@ConfigMapping(prefix = "nest.server.mqtt")
public interface MqttServerConfig extends Toggle {

  /**
   * QoS of the server's subscriptions. Default 1: at least once, unlike Nest's 0. A reply goes at the QoS its request
   * arrived with (the lower of the sender's and this), as the caller asked for.
   */
  @WithDefault("1")
  int qos();

  /**
   * Whether the instances of a service share the work: the server subscribes through MQTT shared subscriptions
   * ({@code $share/<group>/<route>}, which Nest users write by hand), so the broker gives each request to one
   * instance of the group, as NATS queue groups and Kafka consumer groups do. Without it every instance answers every
   * request, Nest's default. Default true.
   */
  @WithDefault("true")
  boolean shared();

  /** The shared-subscription group (no {@code /}, {@code +} or {@code #}). Default: the application name. */
  Optional<String> group();

  /**
   * Whether events are shared too, each handled by one instance: as the service's events are on Kafka, RabbitMQ and
   * NATS, and as an event that moves state ({@code payment_completed}) needs. False gives every instance every event
   * (Nest's default on MQTT), for per-instance state such as a cache to refresh. Default true.
   */
  @WithDefault("true")
  boolean sharedEvents();
}
