package org.acme.transport.kafka;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.health.api.HealthRegistry;
import jakarta.annotation.Priority;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import org.acme.transport.config.BrokersConfig;
import org.acme.transport.codec.WireFormat;
import org.acme.transport.config.ServerConfig;
import org.acme.transport.handler.Drain;
import org.acme.transport.handler.MessageRouter;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Nest's Kafka transport, server side: every handler route that is a legal topic name is a topic, consumed in one
 * consumer group on a dedicated poll thread ({@link KafkaServerLoop}); replies go to {@code kafka_replyTopic}.
 * Records with the same key are handled in order, one at a time; all others in parallel.
 * Object patterns cannot be topics and are skipped here, hence the catalogue's string aliases. Request and
 * {@code .reply} topics are created at start-up, because Nest clients fail on missing ones.
 */
@Singleton
public class KafkaServer {

  private final KafkaServerConfig kafka;
  private final ServerConfig config;
  private final BrokersConfig brokers;
  private final KafkaLink link;
  private final MessageRouter router;
  private final MeterRegistry meters;
  private final String applicationName;
  private final HealthRegistry readiness;
  private KafkaProducer<byte[], byte[]> producer;
  private KafkaServerLoop loop;
  private Thread thread;

  KafkaServer(KafkaServerConfig kafka, ServerConfig config, BrokersConfig brokers, KafkaLink link, MessageRouter router,
      MeterRegistry meters, @ConfigProperty(name = "quarkus.application.name", defaultValue = "nest-service") String applicationName,
      @Readiness HealthRegistry readiness) {
    this.kafka = kafka;
    this.config = config;
    this.brokers = brokers;
    this.link = link;
    this.router = router;
    this.meters = meters;
    this.applicationName = applicationName;
    this.readiness = readiness;
  }

  void onStart(@Observes StartupEvent event) {
    if (!kafka.enabled()) {
      return;
    }
    List<String> topics = topics();
    // raw: every record is an event, so no route answers
    List<String> replyTopics = kafka.format() == WireFormat.RAW ? List.of()
        : topics.stream().filter(router.handlers()::hasMessageHandler).map(KafkaWire::replyTopic).filter(KafkaWire::isLegalTopic).toList();
    String group = kafka.groupId().orElse(applicationName);
    producer = new KafkaProducer<>(producerConfig(group), new ByteArraySerializer(), new ByteArraySerializer());
    KafkaRecordHandler handler = new KafkaRecordHandler(router, new KafkaReplies(producer, link.admin()), meters, config.metadata().limits(),
        kafka.format());
    List<String> all = new ArrayList<>(topics);
    all.addAll(replyTopics);
    Runnable prepare = () -> KafkaTopics.ensure(link.admin(), all, Optional.of(kafka.partitions()));
    loop = new KafkaServerLoop(() -> new KafkaConsumer<>(consumerConfig(group), new ByteArrayDeserializer(), new ByteArrayDeserializer()),
        topics, handler, kafka.maxInFlight(), kafka.maxPendingPerPartition(), reconnectDelay(), prepare);
    thread = new Thread(loop, "nest-kafka-server");
    thread.setDaemon(true);
    thread.start();
    readiness.register("kafka-server", () -> joinedCheck(group));
    Log.infof("Nest Kafka server: group %s, topics %s (at %s)", group, topics, link.address());
  }

  /** The topics this server consumes: its routes that are legal topic names, in name order. */
  List<String> topics() {
    List<String> topics = new ArrayList<>();
    for (String route : new TreeSet<>(router.handlers().allRoutes())) {
      if (KafkaWire.isLegalTopic(route)) {
        topics.add(route);
      } else {
        Log.debugf("Kafka server: skipping %s, not a legal topic name (give it a string alias)", route);
      }
    }
    return topics;
  }

  private HealthCheckResponse joinedCheck(String group) {
    boolean joined = loop.joined();
    return HealthCheckResponse.named("kafka-server").status(joined).withData("group", group)
        .withData("state", joined ? "consuming" : "waiting for the group to assign partitions").build();
  }

  private Duration reconnectDelay() {
    return brokers.reconnectDelay().compareTo(Duration.ofMillis(100)) < 0 ? Duration.ofMillis(100) : brokers.reconnectDelay();
  }

  private Map<String, Object> consumerConfig(String group) {
    Map<String, Object> props = link.baseConfig();
    props.put(ConsumerConfig.GROUP_ID_CONFIG, group);
    props.put(ConsumerConfig.CLIENT_ID_CONFIG, group + "-server");
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, kafka.offsetReset());
    props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, Math.max(1, Math.min(500, kafka.maxInFlight())));
    // a member that leaves or joins is noticed by the others at their next heartbeat: often, so callers wait little
    int session = (int) kafka.sessionTimeout().toMillis();
    props.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, session);
    props.put(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, Math.max(100, session / 10));
    return props;
  }

  private Map<String, Object> producerConfig(String group) {
    Map<String, Object> props = link.baseConfig();
    props.put(ProducerConfig.CLIENT_ID_CONFIG, group + "-server-replies");
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    props.put(ProducerConfig.LINGER_MS_CONFIG, 1);
    // a reply to a topic the broker does not know must fail, not block a worker for a minute
    props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 10000);
    props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 30000);
    return props;
  }

  /** Whether a route is served on Kafka at all: only those that are legal topic names are (see the class comment). */
  public static boolean servesRoute(String route) {
    return KafkaWire.isLegalTopic(route);
  }

  /** The topic a request route's replies go to. */
  public static String replyTopic(String route) {
    return KafkaWire.replyTopic(route);
  }

  /** Records being handled now; for tests and diagnostics. */
  public int inFlight() {
    return loop == null ? 0 : loop.inFlight();
  }

  /** SIGTERM: consumption pauses; the group keeps its members (heartbeats go on) while the records taken finish. */
  void onStopTaking(@Observes @Priority(Drain.STOP_TAKING) ShutdownEvent event) {
    if (loop != null) {
      loop.drain();
    }
  }

  /** After the drain: what finished is committed, the rest left for the group's next owner of its partition. */
  void onStop(@Observes @Priority(Drain.CLOSE) ShutdownEvent event) {
    if (loop == null) {
      return;
    }
    loop.stop();
    try {
      thread.join(10000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    producer.close(Duration.ofSeconds(5));
  }
}
