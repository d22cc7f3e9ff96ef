package org.acme.math;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.Map;
import org.acme.transport.testing.FreePorts;

/** A real Nest NATS client calls math-service. */
@QuarkusTest
@QuarkusTestResource(FreePorts.class)
@QuarkusTestResource(UniqueBrokerNames.class)
class MathNatsFromNestTests extends NestClientContract {

  @Override
  protected String nestTransport() {
    return "NATS";
  }

  @Override
  protected boolean nestSendsHeaders() {
    return true;
  }

  @Override
  protected Map<String, Object> nestOptions() {
    return Map.of("servers", List.of("nats://127.0.0.1:4222"));
  }

  /** Nobody subscribes to the subject: NATS says so and Nest raises EmptyResponseException. */
  @Override
  protected void assertUnknownPattern(JsonNode result) {
    assertThat(result.path("timeout").asBoolean()).as(result.toString()).isFalse();
    assertThat(result.path("err").path("message").asText()).contains("Empty response");
  }
}
