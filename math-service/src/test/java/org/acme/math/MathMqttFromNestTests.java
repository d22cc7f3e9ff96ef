package org.acme.math;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.Map;
import org.acme.transport.testing.FreePorts;

/** A real Nest Mqtt client (npm @nestjs/microservices 11.2.6) calls math-service. */
@QuarkusTest
@QuarkusTestResource(FreePorts.class)
class MathMqttFromNestTests extends NestClientContract {

  @Override
  protected String nestTransport() {
    return "MQTT";
  }

  @Override
  protected Map<String, Object> nestOptions() {
    return Map.of("url", "mqtt://127.0.0.1:1883");
  }

  /** Nobody subscribes to an unknown route's channel, and a Nest client cannot tell: it waits for its own timeout (wire doc §13). */
  @Override
  protected void assertUnknownPattern(JsonNode result) {
    assertThat(result.path("timeout").asBoolean()).as(result.toString()).isTrue();
  }
}
