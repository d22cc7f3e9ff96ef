package org.acme.transport.kafka;

import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.acme.transport.Transport;
import org.acme.transport.client.NestClient;
import org.acme.transport.client.NestClientFactory;
import org.acme.transport.config.ClientsConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/** Makes {@code transport=kafka} clients, and closes them (their reply threads and producers) at shutdown. */
@Singleton
public class KafkaClientFactory implements NestClientFactory {

  private final KafkaLink link;
  private final List<KafkaClient> made = new CopyOnWriteArrayList<>();

  KafkaClientFactory(KafkaLink link) {
    this.link = link;
  }

  @Override
  public Transport transport() {
    return Transport.KAFKA;
  }

  @Override
  public NestClient create(String name, ClientsConfig.Client config) {
    Map<String, Object> producerConfig = link.baseConfig();
    producerConfig.put(ProducerConfig.CLIENT_ID_CONFIG, "nest-client-" + name);
    // on every in-sync replica, and once: a retried send is not written twice
    producerConfig.put(ProducerConfig.ACKS_CONFIG, "all");
    producerConfig.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    int linger = 1;
    producerConfig.put(ProducerConfig.LINGER_MS_CONFIG, linger);
    // a send never outlives the request's deadline by much: fail rather than queue for minutes
    int deadline = (int) Math.max(config.timeout().toMillis(), 1000);
    producerConfig.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, deadline);
    producerConfig.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, deadline);
    producerConfig.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, deadline + linger);
    Map<String, Object> consumerConfig = link.baseConfig();
    consumerConfig.put(ConsumerConfig.CLIENT_ID_CONFIG, "nest-client-" + name + "-replies");
    consumerConfig.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    consumerConfig.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
    KafkaClient client = new KafkaClient(name, config, link,
        new KafkaProducer<>(producerConfig, new ByteArraySerializer(), new ByteArraySerializer()),
        new KafkaConsumer<>(consumerConfig, new ByteArrayDeserializer(), new ByteArrayDeserializer()));
    made.add(client);
    return client;
  }

  void onStop(@Observes ShutdownEvent event) {
    made.forEach(KafkaClient::close);
    made.clear();
  }
}
