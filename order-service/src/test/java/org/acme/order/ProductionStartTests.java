package org.acme.order;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.acme.transport.testing.Commands;
import org.acme.transport.testing.ServiceProcess;
import org.junit.jupiter.api.Test;

/**
 * A built service (the production profile) refuses to start on a development secret: payment-service, as built, with
 * RabbitMQ's {@code guest} password it runs on in development and tests. It ends at once, naming the key, not the
 * value, before it links to any broker.
 */
class ProductionStartTests {

  @Test
  void aDevelopmentPasswordStopsAProductionStart() {
    Commands.Outcome outcome = new ServiceProcess("payment-service", Map.of("nest.security.refuse-development-secrets", "true"))
        .runToExit(Duration.ofSeconds(60));
    assertThat(outcome.exitValue()).isNotZero();
    assertThat(outcome.output()).contains("refusing to start: nest.rabbitmq.password hold a development value")
        .doesNotContain("guest").doesNotContain("RabbitMQ amqp://");
  }
}
