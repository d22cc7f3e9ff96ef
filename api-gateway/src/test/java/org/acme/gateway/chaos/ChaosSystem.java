package org.acme.gateway.chaos;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.acme.transport.testing.BrokerProcess;
import org.acme.transport.testing.FreePorts;
import org.acme.transport.testing.KafkaTestBroker;
import org.acme.transport.testing.ServiceProcess;
import org.acme.transport.testing.TcpProxy;

/**
 * The whole order system as deployed, for chaos runs: inventory-, payment- and order-service as processes, and the
 * gateway (the test's application), on brokers a fault can reach without touching the machine's shared ones: a NATS
 * and a Kafka of the run's own, and the machine's RabbitMQ behind a proxy that can be cut (a broker that is gone,
 * as the services see it). Redis and Mosquitto are the machine's, with key prefixes of the run's own.
 * <p>
 * The saga's patience is {@code chaos.patience} (default 5m, the deployed one).
 */
public class ChaosSystem implements QuarkusTestResourceLifecycleManager {

  static final String RUN = UUID.randomUUID().toString().substring(0, 8);
  static final String ORDER_PREFIX = "orders-chaos-" + RUN;
  static final String INVENTORY_PREFIX = "inventory-chaos-" + RUN + ":";
  static final String PAYMENT_PREFIX = "payment-chaos-" + RUN + ":";
  static final int STOCK = 10_000_000;
  static final Duration PATIENCE = Duration.parse("PT" + System.getProperty("chaos.patience", "5m").toUpperCase());

  static BrokerProcess nats;
  static Path kafka;
  static int kafkaPort;
  static TcpProxy rabbit;
  static ServiceProcess inventory;
  static ServiceProcess payment;
  static ServiceProcess order;

  @Override
  public Map<String, String> start() {
    nats = BrokerProcess.nats().start();
    kafkaPort = FreePorts.free();
    try {
      kafka = KafkaTestBroker.format(kafkaPort);
      KafkaTestBroker.launch(kafka, kafkaPort);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    rabbit = new TcpProxy(5672);
    Map<String, String> brokers = Map.of(
        "nest.nats.url", "nats://127.0.0.1:" + nats.port(),
        "nest.kafka.bootstrap-servers", "127.0.0.1:" + kafkaPort,
        "nest.rabbitmq.port", String.valueOf(rabbit.port()),
        "nest.server.kafka.offset-reset", "earliest");
    String paymentsQueue = "payments_queue.chaos-" + RUN;
    inventory = new ServiceProcess("inventory-service", with(brokers, Map.of(
        "inventory.key-prefix", INVENTORY_PREFIX,
        "inventory.catalogue.widget.stock", String.valueOf(STOCK)))).start();
    payment = new ServiceProcess("payment-service", with(brokers, Map.of(
        "nest.server.rmq.queue", paymentsQueue,
        "payment.key-prefix", PAYMENT_PREFIX))).start();
    order = new ServiceProcess("order-service", with(brokers, Map.of(
        "nest.client.payments.queue", paymentsQueue,
        "order.saga.key-prefix", ORDER_PREFIX,
        "order.saga.compensate-after", PATIENCE.toSeconds() + "s"))).start();
    return with(brokers, Map.of("nest.client.payments.queue", paymentsQueue));
  }

  private static Map<String, String> with(Map<String, String> common, Map<String, String> own) {
    Map<String, String> all = new HashMap<>(common);
    all.putAll(own);
    return all;
  }

  /** The Kafka of the run stops (SIGTERM, then SIGKILL if it lingers) and starts again with its log. */
  static void kafkaDown() {
    try {
      KafkaTestBroker.kill(kafka);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  static void kafkaUp() {
    try {
      KafkaTestBroker.launch(kafka, kafkaPort);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void stop() {
    for (AutoCloseable each : new AutoCloseable[] {order, payment, inventory, rabbit, nats}) {
      try {
        if (each != null) {
          each.close();
        }
      } catch (Exception e) {
        System.err.println("chaos: could not stop " + each + ": " + e);
      }
    }
    if (kafka != null) {
      KafkaTestBroker.remove(kafka);
    }
  }
}
