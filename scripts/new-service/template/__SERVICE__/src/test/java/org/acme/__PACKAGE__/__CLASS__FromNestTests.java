package org.acme.__PACKAGE__;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
//@if tcp rmq
import io.quarkus.test.common.QuarkusTestResource;
//@end
//@if rmq
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
//@end
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
//@if kafka rmq
import java.util.UUID;
//@end
//@if kafka
import org.acme.contracts.__PACKAGE__.__CLASS__Patterns;
//@end
//@if tcp
import org.acme.transport.testing.FreePorts;
//@end
import org.acme.transport.testing.NestPeers;
import org.acme.transport.testing.NestPeers.Call;
import org.acme.transport.testing.NestPeers.Version;
//@if rmq
import org.acme.transport.testing.SharedBrokers;
//@end
//@if tcp rmq
import org.eclipse.microprofile.config.inject.ConfigProperty;
//@end
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A real, unmodified NestJS __NEST_TRANSPORT__ client (npm {@code @nestjs/microservices} 11 and 12) calls __SERVICE__;
 * brokers are the local ones, without credentials.
 */
@QuarkusTest
//@if tcp
@QuarkusTestResource(FreePorts.class)
//@end
//@if rmq
@QuarkusTestResource(__CLASS__FromNestTests.TestQueue.class)
//@end
class __CLASS__FromNestTests {

  //@if tcp
  @ConfigProperty(name = "nest.server.tcp.port")
  int port;
  //@end
  //@if rmq
  @ConfigProperty(name = "nest.server.rmq.queue")
  String queue;
  //@end

  private List<JsonNode> nestSends(String nest, Object data) {
    //@if tcp
    Map<String, Object> options = Map.of("host", "127.0.0.1", "port", port);
    //@end
    //@if nats
    Map<String, Object> options = Map.of("servers", List.of("nats://127.0.0.1:4222"));
    //@end
    //@if rmq
    Map<String, Object> options = Map.of("urls", List.of("amqp://guest:guest@127.0.0.1:5672"), "queue", queue);
    //@end
    //@if redis
    Map<String, Object> options = Map.of("host", "127.0.0.1", "port", 6379);
    //@end
    //@if mqtt
    Map<String, Object> options = Map.of("url", "mqtt://127.0.0.1:1883");
    //@end
    //@if tcp nats rmq redis mqtt
    return NestPeers.client(Version.of(nest), "__NEST_TRANSPORT__", options, Map.of(),
        List.of(Call.send(Map.of("cmd", "ping"), data)), false, Duration.ofSeconds(3));
    //@end
    //@if kafka
    // a group of the client's own (Nest's reply-partition assignor shares none); the pattern is the topic, so the
    // alias; and the first request also waits for the server's consumer group to take its partitions
    String id = "__SERVICE__-nest-" + UUID.randomUUID();
    Map<String, Object> options = Map.of("client", Map.of("brokers", List.of("127.0.0.1:9092"), "clientId", id, "logLevel", 1),
        "consumer", Map.of("groupId", id));
    return NestPeers.client(Version.of(nest), "KAFKA", options, Map.of(), List.of(Call.send(__CLASS__Patterns.KAFKA_PING, data)),
        false, Duration.ofSeconds(30));
    //@end
  }

  @ParameterizedTest(name = "NestJS {0}")
  @ValueSource(strings = {"11", "12"})
  void pingEchoesTheMessage(String nest) {
    JsonNode result = nestSends(nest, Map.of("message", "hello")).get(0);
    assertThat(result.path("ok").asBoolean()).as(result.toString()).isTrue();
    assertThat(result.path("values").get(0).path("message").asText()).isEqualTo("hello");
    assertThat(result.path("values").get(0).path("service").asText()).isEqualTo("__SERVICE__");
  }

  @ParameterizedTest(name = "NestJS {0}")
  @ValueSource(strings = {"11", "12"})
  void aBlankMessageIsTheCallersMistake(String nest) {
    JsonNode result = nestSends(nest, Map.of("message", " ")).get(0);
    assertThat(result.path("ok").asBoolean()).as(result.toString()).isFalse();
    assertThat(result.path("err").path("statusCode").asInt()).as(result.toString()).isEqualTo(400);
  }
  //@if rmq

  /**
   * A queue of this run's own for every test of the module, so that a running __SERVICE__ on the same broker takes
   * none of our requests. It is durable, as the service declares it: deleted with its dead letters once the service
   * has stopped (before, the service would declare it again).
   */
  public static class TestQueue implements QuarkusTestResourceLifecycleManager {
    static final String NAME = "__QUEUE__.test-" + UUID.randomUUID();

    @Override
    public Map<String, String> start() {
      return Map.of("nest.server.rmq.queue", NAME);
    }

    @Override
    public void stop() {
      SharedBrokers.deleteQueues(NAME);
    }
  }
  //@end
}
