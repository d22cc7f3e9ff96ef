package org.acme.transport.kafka;

import io.smallrye.mutiny.Uni;
import jakarta.inject.Singleton;
import java.util.HashMap;
import java.util.Map;
import org.acme.transport.Transport;
import org.acme.transport.broker.BrokerLink;
import org.acme.transport.config.BrokersConfig;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;

/**
 * Kafka bootstrap settings shared by every producer and consumer of a service, plus an admin client for
 * readiness and for creating the request and reply topics Nest peers expect to exist.
 */
@Singleton
public class KafkaLink implements BrokerLink {

  private final KafkaBrokerConfig kafka;
  private final BrokersConfig config;
  private volatile Admin admin;

  KafkaLink(KafkaBrokerConfig kafka, BrokersConfig config) {
    this.kafka = kafka;
    this.config = config;
  }

  @Override
  public String broker() {
    return Transport.KAFKA.broker();
  }

  @Override
  public String address() {
    return kafka.bootstrapServers();
  }

  @Override
  public boolean enabled() {
    return kafka.enabled();
  }

  /** Settings every Kafka client of this service starts from: where the broker is, quick reconnects, and security. */
  public Map<String, Object> baseConfig() {
    Map<String, Object> props = new HashMap<>();
    props.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
    props.put(CommonClientConfigs.RECONNECT_BACKOFF_MAX_MS_CONFIG, (int) Math.max(config.reconnectDelay().toMillis(), 50));
    props.put(CommonClientConfigs.REQUEST_TIMEOUT_MS_CONFIG, 5000);
    props.put(CommonClientConfigs.DEFAULT_API_TIMEOUT_MS_CONFIG, 10000);
    props.putAll(KafkaSasl.settings(kafka)); // nest.kafka.username, password
    props.putAll(kafka.properties()); // TLS, SASL: nest.kafka.properties.*, which win
    return props;
  }

  public synchronized Admin admin() {
    if (admin == null) {
      admin = Admin.create(baseConfig());
    }
    return admin;
  }

  @Override
  public void start() {
    admin();
  }

  @Override
  public synchronized void stop() {
    if (admin != null) {
      admin.close(java.time.Duration.ofSeconds(2));
      admin = null;
    }
  }

  @Override
  public Uni<Void> ping() {
    return Uni.createFrom().completionStage(() -> admin().describeCluster().clusterId().toCompletionStage()).replaceWithVoid();
  }
}
