package org.acme.math;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.acme.contracts.math.MathPatterns;
import org.acme.transport.client.MessageOptions;
import org.acme.transport.client.NestClient;
import org.acme.transport.client.NestClients;
import org.acme.transport.client.RemoteException;
import org.acme.transport.testing.FreePorts;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A global pre-request hook and a global interceptor ({@link InterceptProbes.Hook}, {@link InterceptProbes.Global}), on
 * every message transport: the hook runs before the guards (it sees, and can answer, a request a guard refuses), the
 * global interceptor wraps the controller's, the hook wraps them all. An app of its own, built with them; the other
 * tests' app has neither, so its plain handlers keep their in-place answers.
 */
@QuarkusTest
@TestProfile(MathGlobalInterceptorsTests.Globals.class)
@QuarkusTestResource(FreePorts.class)
@QuarkusTestResource(UniqueBrokerNames.class)
class MathGlobalInterceptorsTests {

  private static final Duration WAIT = Duration.ofSeconds(10);
  private final NestClients clients;

  public static class Globals implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of(InterceptProbes.GLOBALS, "true");
    }
  }

  MathGlobalInterceptorsTests(NestClients clients) {
    this.clients = clients;
  }

  private NestClient client(String transport) {
    NestClient client = clients.get("math-" + transport);
    if (transport.equals("kafka")) {
      KafkaWarmUp.untilAnswered(getClass(), client);
    }
    return client;
  }

  private static String protectedPattern(String transport) {
    return transport.equals("kafka") ? MathPatterns.KAFKA_PROTECTED : MathPatterns.PROTECTED;
  }

  private static JsonNode ask(NestClient client, String pattern, Object data, MessageOptions options) {
    return client.send(pattern, data, options, JsonNode.class).await().atMost(WAIT);
  }

  @ParameterizedTest
  @ValueSource(strings = {"tcp", "redis", "nats", "mqtt", "rmq", "kafka"})
  void theHookWrapsTheGlobalInterceptorWhichWrapsTheControllers(String transport) {
    assertThat(ask(client(transport), InterceptProbes.ORDER, Map.of(), MessageOptions.NONE).asText())
        .isEqualTo("hook(global(controller(method(method2(handler)))))");
  }

  @ParameterizedTest
  @ValueSource(strings = {"tcp", "redis", "nats", "mqtt", "rmq", "kafka"})
  void theHookRunsBeforeTheGuardThatRefuses(String transport) {
    NestClient client = client(transport);
    String id = UUID.randomUUID().toString();
    MessageOptions probed = MessageOptions.metadata(Map.of(InterceptProbes.PROBE_ID, id));
    assertThatThrownBy(() -> ask(client, protectedPattern(transport), Map.of("token", "guess"), probed))
        .isInstanceOfSatisfying(RemoteException.class, e -> assertThat(e.err().path("message").asText()).isEqualTo("Forbidden resource"));
    assertThat(ask(client, InterceptProbes.HOOKED, Map.of(), MessageOptions.NONE).toString()).contains(id);
  }

  /** The guard would refuse the wrong token; the hook answers first. */
  @ParameterizedTest
  @ValueSource(strings = {"tcp", "redis", "nats", "mqtt", "rmq", "kafka"})
  void aHookThatAnswersItselfIsNeverReachedByTheGuard(String transport) {
    MessageOptions answering = MessageOptions.metadata(Map.of(InterceptProbes.HOOK_ANSWERS, "yes"));
    assertThat(ask(client(transport), protectedPattern(transport), Map.of("token", "guess"), answering).asText()).isEqualTo("answered by the hook");
  }

  /** A plain handler under a hook is answered on the stream path, and answered all the same. */
  @ParameterizedTest
  @ValueSource(strings = {"tcp", "redis", "nats", "mqtt", "rmq", "kafka"})
  void plainHandlersUnderAHookStillAnswer(String transport) {
    assertThat(ask(client(transport), transport.equals("kafka") ? MathPatterns.KAFKA_SUM : MathPatterns.SUM, java.util.List.of(1, 2),
        MessageOptions.NONE).asInt()).isEqualTo(3);
  }
}
