package org.acme.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The names users see (metric tags, health checks, config values) stay what they were before the enum. */
class TransportTests {

  @Test
  void tagsAreTheNamesMetricsAndConfigurationUse() {
    assertThat(Arrays.stream(Transport.values()).map(Transport::tag)).containsExactly("tcp", "redis", "nats", "mqtt", "rmq", "kafka", "grpc");
  }

  @Test
  void onlyRabbitMqHasABrokerNameOfItsOwn() {
    assertThat(Transport.RMQ.broker()).isEqualTo("rabbitmq");
    assertThat(Arrays.stream(Transport.values()).filter(t -> t != Transport.RMQ)).allMatch(t -> t.broker().equals(t.tag()));
  }

  @Test
  void aTagReadFromConfigurationFindsItsTransport() {
    assertThat(Transport.byTag("rmq")).hasValue(Transport.RMQ);
    assertThat(Transport.byTag("rabbitmq")).as("the broker name is not a tag").isEmpty();
    assertThat(Transport.byTag("udp")).isEmpty();
  }
}
