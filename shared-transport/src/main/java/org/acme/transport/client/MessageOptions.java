package org.acme.transport.client;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.acme.transport.codec.InvalidMetadataException;
import org.acme.transport.codec.MessageMetadata;

/**
 * What one outgoing request or event carries besides its pattern and data, in the spirit of Nest's record builders
 * ({@code RmqRecordBuilder}, {@code NatsRecordBuilder}, {@code MqttRecordBuilder}, Kafka's {@code {key, value, headers}}):
 * <ul>
 *   <li>{@link #metadata()}, on every transport: the handler reads it as {@code MessageContext#metadata()} (and a Nest
 *       12 handler with {@code getMetadata()}, or from the headers where its transport has them);</li>
 *   <li>each transport's own knobs, used by that transport's client and ignored by the others, so that code which
 *       sends over a configured transport can set them all.</li>
 * </ul>
 * Build with {@link #builder()}; {@link #NONE} is what the plain {@code send(pattern, data)} uses.
 *
 * <pre>{@code
 * client.send("create_order", order, MessageOptions.builder().metadata("x-request-id", id).kafkaKey(customerId).build(), Answer.class);
 * }</pre>
 *
 * @param metadata entries that follow the {@link MessageMetadata} grammar
 * @param kafka the Kafka record's key and partition
 * @param rmq the AMQP message's properties
 * @param nats the NATS message's headers
 * @param mqtt the MQTT publish's QoS and retain flag
 */
public record MessageOptions(Map<String, String> metadata, Kafka kafka, Rmq rmq, Nats nats, Mqtt mqtt) {

  /** Nothing beside the data: the transport's defaults. */
  public static final MessageOptions NONE = builder().build();

  public MessageOptions {
    metadata = Map.copyOf(metadata);
  }

  /** Only metadata, e.g. what a handler received, passed on: {@code MessageOptions.metadata(context.metadata())}. */
  public static MessageOptions metadata(Map<String, String> metadata) {
    return builder().metadata(metadata).build();
  }

  public static Builder builder() {
    return new Builder();
  }

  /** These options with one more metadata entry (replacing one of the same key). */
  public MessageOptions with(String key, String value) {
    Map<String, String> more = new LinkedHashMap<>(metadata);
    more.put(key, Builder.checked(key, value));
    return new MessageOptions(more, kafka, rmq, nats, mqtt);
  }

  /** These options without the metadata entries of these keys (trace context a caller passed on, say). */
  public MessageOptions without(java.util.Set<String> keys) {
    Map<String, String> fewer = new LinkedHashMap<>(metadata);
    fewer.keySet().removeAll(keys);
    return new MessageOptions(fewer, kafka, rmq, nats, mqtt);
  }

  /**
   * These options with the Kafka record's key: the records of one key stay in order, in one partition, and a server
   * of ours handles them one after another (an order's events, keyed by its id, say).
   */
  public MessageOptions withKafkaKey(String key) {
    return new MessageOptions(metadata, new Kafka(key, kafka.partition()), rmq, nats, mqtt);
  }

  /**
   * Kafka: the record's key (UTF-8; records with one key keep their order in one partition) and partition; null
   * leaves the choice to the producer.
   */
  public record Kafka(String key, Integer partition) {
  }

  /**
   * RabbitMQ: {@code persistent} (delivery mode 2, where Nest's default is 1), {@code priority} (0–255, for a queue
   * declared with {@code x-max-priority}), {@code expiration} (a request never outlives its deadline, whatever this
   * says) and AMQP headers; null leaves the client's default.
   */
  public record Rmq(Boolean persistent, Integer priority, Duration expiration, Map<String, String> headers) {
    public Rmq {
      headers = Map.copyOf(headers);
    }
  }

  /** NATS: headers of the message (HPUB), beside the metadata, which NATS carries as headers too. */
  public record Nats(Map<String, String> headers) {
    public Nats {
      headers = Map.copyOf(headers);
    }
  }

  /**
   * MQTT: the publish's QoS (0, 1 or 2) and retain flag; null leaves the client's {@code qos} and no retain. Only an
   * event may be retained: a retained request would be handled again by every server that subscribes later.
   */
  public record Mqtt(Integer qos, Boolean retain) {
  }

  /** Builds {@link MessageOptions}; every entry is checked as it is added, so a mistake fails where it is made. */
  public static final class Builder {

    private final Map<String, String> metadata = new LinkedHashMap<>();
    private String kafkaKey;
    private Integer kafkaPartition;
    private Boolean rmqPersistent;
    private Integer rmqPriority;
    private Duration rmqExpiration;
    private final Map<String, String> rmqHeaders = new LinkedHashMap<>();
    private final Map<String, String> natsHeaders = new LinkedHashMap<>();
    private Integer mqttQos;
    private Boolean mqttRetain;

    private Builder() {
    }

    /** One metadata entry (see {@link MessageMetadata} for what keys and values may hold). */
    public Builder metadata(String key, String value) {
      metadata.put(key, checked(key, value));
      return this;
    }

    /** Every entry of the map. */
    public Builder metadata(Map<String, String> entries) {
      entries.forEach(this::metadata);
      return this;
    }

    public Builder kafkaKey(String key) {
      this.kafkaKey = key;
      return this;
    }

    public Builder kafkaPartition(int partition) {
      if (partition < 0) {
        throw new IllegalArgumentException("a Kafka partition is 0 or more, got " + partition);
      }
      this.kafkaPartition = partition;
      return this;
    }

    public Builder rmqPersistent(boolean persistent) {
      this.rmqPersistent = persistent;
      return this;
    }

    public Builder rmqPriority(int priority) {
      if (priority < 0 || priority > 255) {
        throw new IllegalArgumentException("an AMQP priority is 0 to 255, got " + priority);
      }
      this.rmqPriority = priority;
      return this;
    }

    public Builder rmqExpiration(Duration expiration) {
      if (expiration.isNegative()) {
        throw new IllegalArgumentException("an AMQP expiration is 0 or more, got " + expiration);
      }
      this.rmqExpiration = expiration;
      return this;
    }

    public Builder rmqHeader(String name, String value) {
      rmqHeaders.put(name, checked(name, value));
      return this;
    }

    public Builder natsHeader(String name, String value) {
      natsHeaders.put(name, checked(name, value));
      return this;
    }

    public Builder mqttQos(int qos) {
      if (qos < 0 || qos > 2) {
        throw new IllegalArgumentException("an MQTT QoS is 0, 1 or 2, got " + qos);
      }
      this.mqttQos = qos;
      return this;
    }

    public Builder mqttRetain(boolean retain) {
      this.mqttRetain = retain;
      return this;
    }

    public MessageOptions build() {
      return new MessageOptions(metadata, new Kafka(kafkaKey, kafkaPartition),
          new Rmq(rmqPersistent, rmqPriority, rmqExpiration, rmqHeaders), new Nats(natsHeaders), new Mqtt(mqttQos, mqttRetain));
    }

    private static String checked(String key, String value) {
      try {
        MessageMetadata.checkEntry(key, value);
        return value;
      } catch (InvalidMetadataException e) {
        throw new IllegalArgumentException(e.getMessage());
      }
    }
  }
}
