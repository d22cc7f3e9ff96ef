package org.acme.transport.broker;

import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.health.api.HealthRegistry;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.util.List;
import org.acme.transport.config.BrokersConfig;
import org.acme.transport.kafka.KafkaLink;
import org.acme.transport.mqtt.MqttLink;
import org.acme.transport.nats.NatsLink;
import org.acme.transport.redis.RedisLink;
import org.acme.transport.rmq.RmqLink;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Starts the enabled broker links with the application and gives each one a readiness check named after its
 * broker, so {@code /q/health/ready} says which broker, at which address, is missing.
 */
@Singleton
public class BrokerLinks {

  private final List<BrokerLink> links;
  private final HealthRegistry readiness;
  private final BrokersConfig config;

  BrokerLinks(RedisLink redis, NatsLink nats, MqttLink mqtt, RmqLink rabbit, KafkaLink kafka,
      @Readiness HealthRegistry readiness, BrokersConfig config) {
    this.links = List.of(redis, nats, mqtt, rabbit, kafka);
    this.readiness = readiness;
    this.config = config;
  }

  void onStart(@Observes StartupEvent event) {
    for (BrokerLink link : links) {
      if (link.enabled()) {
        Log.infof("Linking to %s at %s", link.broker(), link.address());
        link.start();
        readiness.register(link.broker(), () -> check(link));
      }
    }
  }

  void onStop(@Observes ShutdownEvent event) {
    links.stream().filter(BrokerLink::enabled).forEach(BrokerLink::stop);
  }

  private Uni<HealthCheckResponse> check(BrokerLink link) {
    return link.ping()
        .ifNoItem().after(config.healthTimeout()).failWith(() -> new IllegalStateException("no answer within " + config.healthTimeout().toMillis() + " ms"))
        .map(ok -> HealthCheckResponse.named(link.broker()).up().withData("address", link.address()).build())
        .onFailure().recoverWithItem(e -> HealthCheckResponse.named(link.broker()).down()
            .withData("address", link.address())
            .withData("error", e instanceof BrokerUnfitException ? e.getMessage()
                : link.broker() + " at " + link.address() + " is unreachable: " + e.getMessage())
            .build());
  }
}
