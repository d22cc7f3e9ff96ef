package org.acme.transport.handler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class RouteOptionsTests {

  @Test
  void aRouteKeepsWhatItsHandlersAskFor() {
    RouteOptions options = new RouteOptions();
    options.add("telemetry", 0, "", "a");
    options.add("audit", -1, "auditors", "b");
    options.add("plain", -1, "", "c");
    assertThat(options.qos("telemetry")).contains(0);
    assertThat(options.queue("audit")).contains("auditors");
    assertThat(options.qos("plain")).isEmpty();
    assertThat(options.queue("plain")).isEmpty();
  }

  @Test
  void twoHandlersOfARouteThatDisagreeStopTheStartUpNamingBoth() {
    RouteOptions options = new RouteOptions();
    options.add("audit", -1, "auditors", "First.handle");
    options.add("audit", -1, "auditors", "Second.handle");
    assertThatThrownBy(() -> options.add("audit", 1, "others", "Third.handle"))
        .hasMessageContaining("First.handle").hasMessageContaining("Third.handle");
  }

  @Test
  void aQosThatMqttHasNotIsRefused() {
    assertThatThrownBy(() -> new RouteOptions().add("x", 3, "", "Bad.handle")).hasMessageContaining("Bad.handle").hasMessageContaining("qos 3");
  }
}
