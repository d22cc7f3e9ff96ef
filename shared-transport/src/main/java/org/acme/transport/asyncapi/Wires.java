package org.acme.transport.asyncapi;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.inject.Singleton;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import org.acme.transport.codec.WireFormat;
import org.acme.transport.handler.HandlerCatalogue;
import org.acme.transport.kafka.KafkaLink;
import org.acme.transport.kafka.KafkaServer;
import org.acme.transport.kafka.KafkaServerConfig;
import org.acme.transport.mqtt.MqttLink;
import org.acme.transport.mqtt.MqttServerConfig;
import org.acme.transport.nats.NatsLink;
import org.acme.transport.nats.NatsServerConfig;
import org.acme.transport.redis.RedisLink;
import org.acme.transport.redis.RedisServerConfig;
import org.acme.transport.rmq.RmqLink;
import org.acme.transport.rmq.RmqServer;
import org.acme.transport.rmq.RmqServerConfig;
import org.acme.transport.tcp.TcpServer;
import org.acme.transport.tcp.TcpServerConfig;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** The transport servers this service has switched on ({@code nest.server.<transport>.enabled}), each as a {@link Wire}. */
@Singleton
class Wires {

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private final TcpServerConfig tcpConfig;
  private final RedisServerConfig redisConfig;
  private final NatsServerConfig natsConfig;
  private final MqttServerConfig mqttConfig;
  private final RmqServerConfig rmqConfig;
  private final KafkaServerConfig kafkaConfig;
  private final TcpServer tcp;
  private final RedisLink redis;
  private final NatsLink nats;
  private final MqttLink mqtt;
  private final RmqLink rabbit;
  private final KafkaLink kafka;
  private final HandlerCatalogue handlers;
  private final String applicationName;

  Wires(TcpServerConfig tcpConfig, TcpServer tcp, RedisServerConfig redisConfig, RedisLink redis, NatsServerConfig natsConfig,
      NatsLink nats, MqttServerConfig mqttConfig, MqttLink mqtt, RmqServerConfig rmqConfig, RmqLink rabbit, KafkaServerConfig kafkaConfig,
      KafkaLink kafka, HandlerCatalogue handlers,
      @ConfigProperty(name = "quarkus.application.name", defaultValue = "nest-service") String applicationName) {
    this.tcpConfig = tcpConfig;
    this.redisConfig = redisConfig;
    this.natsConfig = natsConfig;
    this.mqttConfig = mqttConfig;
    this.rmqConfig = rmqConfig;
    this.kafkaConfig = kafkaConfig;
    this.handlers = handlers;
    this.tcp = tcp;
    this.redis = redis;
    this.nats = nats;
    this.mqtt = mqtt;
    this.rabbit = rabbit;
    this.kafka = kafka;
    this.applicationName = applicationName;
  }

  List<Wire> enabled() {
    List<Wire> wires = new ArrayList<>();
    if (tcpConfig.enabled()) {
      boolean tls = tcpConfig.tlsConfigurationName().isPresent();
      wires.add(new Wire("tcp", tls ? "tls" : "tcp", tcpConfig.host() + ":" + tcp.port(), Optional.empty(),
          "Frames of <length>#<json> (the length in UTF-16 code units) on one connection; the pattern travels in the body.",
          route -> true, route -> Optional.empty(), route -> Optional.empty(), "the same connection, matched by id", true, true, Wire.Bindings.none()));
    }
    if (redisConfig.enabled()) {
      URI uri = URI.create(first(redis.address()));
      wires.add(new Wire("redis", uri.getScheme(), authority(uri), Optional.empty(),
          "Pub/sub: the channel is the route; every subscribed instance answers.", route -> true, Optional::of,
          route -> Optional.of(route + ".reply"), "<route>.reply, matched by id", true, true, Wire.Bindings.none()));
    }
    if (natsConfig.enabled()) {
      URI uri = URI.create(first(nats.address()));
      String queue = natsConfig.queue().orElse(applicationName);
      wires.add(new Wire("nats", "nats", authority(uri), Optional.empty(),
          "The subject is the route, in the queue group " + queue + ", so each request goes to one instance.", route -> true,
          Optional::of, route -> Optional.empty(), "the requester's inbox (the message's reply subject, under "
              + natsConfig.replyPrefix() + ")", true, true,
          Wire.Bindings.operation("nats", "0.1.0", NODES.objectNode().put("queue", queue))));
    }
    if (mqttConfig.enabled()) {
      URI uri = URI.create(mqtt.address());
      wires.add(new Wire("mqtt", uri.getScheme().equals("mqtts") ? "secure-mqtt" : "mqtt", authority(uri), Optional.empty(),
          "The topic is the route, subscribed at QoS " + mqttConfig.qos() + "; a reply goes at its request's QoS.", route -> true,
          Optional::of, route -> Optional.of(route + "/reply"), "<route>/reply, matched by id", true, true,
          Wire.Bindings.operation("mqtt", "0.2.0", NODES.objectNode().put("qos", mqttConfig.qos()).put("retain", false))));
    }
    if (rmqConfig.enabled()) {
      wires.add(rmq());
    }
    if (kafkaConfig.enabled()) {
      wires.add(kafka());
    }
    return wires;
  }

  /**
   * The queue, or with an exchange the routing key; with the raw format only the event routes, the body the bare data.
   */
  private Wire rmq() {
    URI uri = URI.create(rabbit.address());
    String queue = rmqConfig.queue();
    String vhost = uri.getPath().isEmpty() ? "/" : uri.getPath();
    boolean raw = rmqConfig.format() == WireFormat.RAW;
    String format = raw ? " Raw format: the body is the event's plain JSON data, every message an event; requests are not served."
        : " The pattern travels in the body.";
    Optional<String> exchange = RmqServer.exchange(rmqConfig);
    Predicate<String> serves = route -> !raw || handlers.hasEventHandler(route);
    String replyAbout = "the request's reply_to (RabbitMQ's direct reply-to, amq.rabbitmq.reply-to, for Nest), with its correlation_id";
    if (exchange.isEmpty()) {
      // durable, as Nest's assertQueue declares it: a Nest client would fail on any other declaration
      return new Wire("rmq", uri.getScheme(), authority(uri), Optional.of(vhost), "Every pattern arrives on the durable queue " + queue + "."
          + format, serves, route -> Optional.of(queue), route -> Optional.empty(), replyAbout,
          !raw, false, Wire.Bindings.channel("amqp", "0.3.0", amqpQueue(queue, vhost)));
    }
    String keys = rmqConfig.wildcards() ? "with the route as routing key (the queue is bound with every route"
        + rmqConfig.routingKey().map(key -> " and " + key).orElse("") + ")"
        : "with routing key " + rmqConfig.routingKey().orElse("''") + ", which the queue is bound with";
    ObjectNode binding = NODES.objectNode().put("is", "routingKey");
    binding.putObject("exchange").put("name", exchange.get()).put("type", rmqConfig.exchangeType().amqpName()).put("durable", true)
        .put("autoDelete", false).put("vhost", vhost);
    return new Wire("rmq", uri.getScheme(), authority(uri), Optional.of(vhost), "Published to the " + rmqConfig.exchangeType().amqpName()
        + " exchange " + exchange.get() + " " + keys + ", consumed from the durable queue " + queue + "." + format,
        serves, route -> rmqConfig.wildcards() ? Optional.of(route) : rmqConfig.routingKey(),
        route -> Optional.empty(), replyAbout, !raw, false, Wire.Bindings.channel("amqp", "0.3.0", binding));
  }

  private Wire kafka() {
    String group = kafkaConfig.groupId().orElse(applicationName);
    boolean raw = kafkaConfig.format() == WireFormat.RAW;
    return new Wire("kafka", "kafka", first(kafka.address()), Optional.empty(),
        "The topic is the route (object patterns are not served: they are no topic names), consumed in the group " + group
            + "; the record value is the data" + (raw ? ". Raw format: every record is an event, its value must be JSON; "
            + "requests are not served." : ", correlation travels in kafka_* headers."),
        route -> KafkaServer.servesRoute(route) && (!raw || handlers.hasEventHandler(route)), Optional::of,
        route -> Optional.of(KafkaServer.replyTopic(route)), "the request's kafka_replyTopic (<route>.reply) and kafka_replyPartition",
        false, false, Wire.Bindings.operation("kafka", "0.5.0", kafkaGroup(group)));
  }

  private static ObjectNode amqpQueue(String queue, String vhost) {
    ObjectNode binding = NODES.objectNode().put("is", "queue");
    binding.putObject("queue").put("name", queue).put("durable", true).put("exclusive", false).put("autoDelete", false)
        .put("vhost", vhost.isEmpty() ? "/" : vhost);
    return binding;
  }

  private static ObjectNode kafkaGroup(String group) {
    ObjectNode binding = NODES.objectNode();
    binding.putObject("groupId").put("type", "string").putArray("enum").add(group);
    return binding;
  }

  /** The first of a comma-separated list of addresses: AsyncAPI gives a server one host. */
  private static String first(String addresses) {
    return addresses.split(",")[0].strip();
  }

  private static String authority(URI uri) {
    return uri.getPort() < 0 ? uri.getHost() : uri.getHost() + ":" + uri.getPort();
  }
}
