package org.acme.gateway.orders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.opentelemetry.api.trace.SpanKind;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.List;
import org.acme.contracts.inventory.InventoryPatterns;
import org.acme.contracts.order.OrderPatterns;
import org.acme.contracts.payment.PaymentPatterns;
import org.acme.transport.testing.ReceivedSpan;
import org.acme.transport.testing.ServiceProcess;
import org.junit.jupiter.api.Test;

/**
 * One order, one trace, as an operator sees it in a trace UI: the gateway and the real order, inventory and payment
 * services (processes) export their spans over OTLP to a collector in this test, and each order's saga, across
 * HTTP, Kafka, NATS, RabbitMQ, Kafka again and MQTT back to the gateway's status stream, is one trace of them. The
 * first test draws its order's trace ({@link TracePicture}), the README's picture.
 */
@QuarkusTest
@QuarkusTestResource(value = SagaServicesResource.class, restrictToAnnotatedClass = true, initArgs =
    @ResourceArg(name = SagaServicesResource.TRACED, value = "true"))
class OrderTraceTests {

  private static final Duration EXPORTED = Duration.ofSeconds(20);

  @Test
  void anOrderIsOneTraceFromTheFrontDoorToTheStatusStream() {
    String orderId = OrderCalls.place("widget", 1, "card");
    assertThat(OrderCalls.finished(orderId).getString("status")).isEqualTo("CONFIRMED");
    String statuses = OrderPatterns.STATUS_TOPIC.formatted(orderId);
    await("the whole trace of " + orderId).atMost(EXPORTED).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
      SagaTrace trace = SagaTrace.of(SagaServicesResource.spans, orderId);
      ReceivedSpan post = trace.spans().stream().filter(span -> span.service().equals("api-gateway") && span.kind() == SpanKind.SERVER)
          .findFirst().orElseThrow(() -> new AssertionError("no gateway HTTP span in " + trace));
      assertThat(trace.roots()).as("one root, and every other span's parent in the trace: %s", trace).containsExactly(post);
      assertThat(post.name()).isEqualTo("POST /api/orders");
      ReceivedSpan send = trace.hop("api-gateway", SpanKind.CLIENT, "kafka", OrderPatterns.CREATE_ORDER);
      SagaTrace.childOf(send, post);
      ReceivedSpan created = trace.hop("order-service", SpanKind.SERVER, "kafka", OrderPatterns.CREATE_ORDER);
      SagaTrace.childOf(created, send);
      // each step of the saga (a step that lost a race to a payment event may run twice), and what it calls
      calls(trace, created, "saga reserve", "inventory-service", "nats", InventoryPatterns.RESERVE_ITEMS);
      calls(trace, created, "saga pay", "payment-service", "rmq", PaymentPatterns.PROCESS_PAYMENT);
      calls(trace, created, "saga commit", "inventory-service", "nats", InventoryPatterns.COMMIT_RESERVATION);
      // payment-service tells order-service on Kafka, from within its handling of the charge (a charge retried after
      // a slow answer is handled twice, and answered the second time from the recorded outcome, without an event)
      List<ReceivedSpan> charged = trace.all("payment-service", SpanKind.SERVER, PaymentPatterns.PROCESS_PAYMENT);
      ReceivedSpan event = trace.hop("payment-service", SpanKind.PRODUCER, "kafka", OrderPatterns.PAYMENT_COMPLETED);
      assertThat(charged).as("charges in %s", trace).isNotEmpty().allSatisfy(charge -> assertThat(charge.transport()).isEqualTo("rmq"))
          .anySatisfy(charge -> trace.below(event, charge));
      SagaTrace.childOf(trace.hop("order-service", SpanKind.CONSUMER, "kafka", OrderPatterns.PAYMENT_COMPLETED), event);
      // every status on MQTT, and the gateway's reading of it for its status stream
      List<ReceivedSpan> announced = trace.all("order-service", SpanKind.PRODUCER, statuses);
      List<ReceivedSpan> heard = trace.all("api-gateway", SpanKind.CONSUMER, statuses);
      assertThat(announced).as("PENDING, RESERVED, PAID, CONFIRMED announced in %s", trace).hasSize(4)
          .allSatisfy(status -> assertThat(status.transport()).isEqualTo("mqtt"));
      // QoS 1: a status may be heard twice, never not at all
      assertThat(announced).as("each heard by the gateway in %s", trace)
          .allSatisfy(sent -> assertThat(heard).anySatisfy(status -> SagaTrace.childOf(status, sent)));
      assertThat(heard).allSatisfy(status -> assertThat(announced).anySatisfy(sent -> SagaTrace.childOf(status, sent)));
    });
    TracePicture.draw(SagaTrace.of(SagaServicesResource.spans, orderId));
  }

  /** The step's spans are children of create_order's handling, each call it makes the step's child, each handling the call's. */
  private static void calls(SagaTrace trace, ReceivedSpan created, String step, String service, String transport, String pattern) {
    List<ReceivedSpan> steps = trace.named("order-service", step);
    List<ReceivedSpan> calls = trace.all("order-service", SpanKind.CLIENT, pattern);
    List<ReceivedSpan> handled = trace.all(service, SpanKind.SERVER, pattern);
    assertThat(steps).as("%s in %s", step, trace).isNotEmpty().allSatisfy(each -> SagaTrace.childOf(each, created));
    assertThat(calls).as("%s calls %s in %s", step, pattern, trace).isNotEmpty()
        .allSatisfy(call -> assertThat(steps).anySatisfy(each -> SagaTrace.childOf(call, each)))
        .allSatisfy(call -> assertThat(call.transport()).isEqualTo(transport));
    assertThat(handled).as("%s handles %s in %s", service, pattern, trace).isNotEmpty()
        .allSatisfy(server -> assertThat(calls).anySatisfy(call -> SagaTrace.childOf(server, call)));
  }

  /**
   * order-service crashes (SIGKILL) while an order waits for its payment; the instance started again takes the saga
   * up, and its steps are in the order's trace, below the create_order handled before the crash, each linked to the
   * start-up's {@code saga resume}.
   */
  @Test
  void aSagaTakenUpAfterACrashStaysInItsOrdersTrace() {
    ServiceProcess order = SagaServicesResource.order;
    SagaServicesResource.payment.stop();
    String orderId;
    try {
      String placed = OrderCalls.place("widget", 1, "card");
      orderId = placed;
      await().atMost(Duration.ofSeconds(15)).until(() -> "RESERVED".equals(OrderCalls.status(placed)));
      order.kill();
    } finally {
      SagaServicesResource.payment.start();
    }
    order.start();
    assertThat(OrderCalls.finished(orderId).getString("status")).isEqualTo("CONFIRMED");
    await("the resumed saga in the trace of " + orderId).atMost(EXPORTED).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
      SagaTrace trace = SagaTrace.of(SagaServicesResource.spans, orderId);
      ReceivedSpan created = trace.hop("order-service", SpanKind.SERVER, "kafka", OrderPatterns.CREATE_ORDER);
      List<ReceivedSpan> resumes = SagaServicesResource.spans.spans().stream()
          .filter(span -> span.service().equals("order-service") && span.name().equals("saga resume")).toList();
      List<ReceivedSpan> resumed = trace.named("order-service", "saga pay").stream()
          .filter(pay -> resumes.stream().anyMatch(resume -> pay.links().contains(resume.traceId() + "/" + resume.spanId()))).toList();
      assertThat(resumed).as("a saga pay linked to a saga resume, in %s", trace).hasSize(1);
      SagaTrace.childOf(resumed.get(0), created);
      assertThat(trace.named("order-service", "saga commit")).as("the saga ends in %s", trace).isNotEmpty()
          .allSatisfy(commit -> SagaTrace.childOf(commit, created));
    });
  }

  /** Each line a service logs about an order carries its id as a field of the JSON log line (the MDC). */
  @Test
  void everyServicesLogLinesAboutAnOrderCarryItsIdAsAField() {
    String orderId = OrderCalls.place("widget", 1, "card");
    assertThat(OrderCalls.finished(orderId).getString("status")).isEqualTo("CONFIRMED");
    ObjectMapper json = new ObjectMapper();
    for (ServiceProcess service : List.of(SagaServicesResource.order, SagaServicesResource.inventory, SagaServicesResource.payment)) {
      List<JsonNode> lines = service.linesWith(orderId).stream().map(line -> read(json, line)).toList();
      assertThat(lines).as("%s logged about %s", service, orderId).isNotEmpty()
          .allSatisfy(line -> assertThat(line.path("mdc").path("orderId").asText()).as(line.toString()).isEqualTo(orderId));
    }
  }

  private static JsonNode read(ObjectMapper json, String line) {
    try {
      return json.readTree(line);
    } catch (Exception e) {
      throw new AssertionError("not a JSON log line: " + line, e);
    }
  }
}
