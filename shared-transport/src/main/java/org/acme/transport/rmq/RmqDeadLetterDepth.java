package org.acme.transport.rmq;

import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Vertx;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.util.List;
import org.acme.transport.Transport;
import org.acme.transport.metrics.AppGauges;
import org.acme.transport.metrics.DeadLetterGauges;

/**
 * The RabbitMQ dead-letter queue's depth as a gauge, {@code nest.server.dead.letters{transport=rmq,queue}}: malformed
 * messages and events nobody handled, waiting for someone to look (the dashboard of the observability overlay plots
 * it). Read from the broker every {@code nest.server.rmq.dead-letter-poll} while the link is up, by declaring the
 * queue again with the arguments the server declared it with: that answers its message count and, unlike a passive
 * declare, cannot close the channel the consumer shares when the queue was deleted meanwhile (it makes it again).
 */
@Singleton
class RmqDeadLetterDepth {

  private final RmqServerConfig config;
  private final RmqLink link;
  private final RmqServer server;
  private final AppGauges gauges;
  private final Vertx vertx;
  private DeadLetterGauges depth;

  RmqDeadLetterDepth(RmqServerConfig config, RmqLink link, RmqServer server, AppGauges gauges, Vertx vertx) {
    this.config = config;
    this.link = link;
    this.server = server;
    this.gauges = gauges;
    this.vertx = vertx;
  }

  void onStart(@Observes StartupEvent event) {
    if (!config.enabled() || config.noAssert()) {
      // reading the depth declares the queue again, and an administrator's queue with arguments of its own would
      // refuse that declaration by closing the channel the consumer shares: with no-assert, no gauge
      return;
    }
    depth = new DeadLetterGauges(gauges, vertx, Transport.RMQ, List.of(server.deadLetterQueue()));
    depth.readEvery(config.deadLetterPoll(), this::poll);
  }

  private void poll() {
    if (!link.connected()) {
      return;
    }
    link.client().queueDeclare(server.deadLetterQueue(), true, false, false)
        .subscribe().with(ok -> depth.set(server.deadLetterQueue(), ok.getMessageCount()),
            e -> Log.debugf("RMQ: the depth of %s is unknown for now: %s", server.deadLetterQueue(), e.getMessage()));
  }

  void onStop(@Observes ShutdownEvent event) {
    if (depth != null) {
      depth.stop();
    }
  }
}
