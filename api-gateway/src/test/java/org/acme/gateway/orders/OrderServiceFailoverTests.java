package org.acme.gateway.orders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import org.acme.transport.testing.ServiceProcess;
import org.junit.jupiter.api.Test;

/**
 * Two order-service instances in one Kafka consumer group, as when scaled out: either one may go, and orders
 * keep being taken (the group hands its partitions to the other) and finished (the other's sweep takes up the
 * sagas the dead one ran, without anyone restarting it).
 */
@QuarkusTest
@QuarkusTestResource(value = SagaServicesResource.class, restrictToAnnotatedClass = true, initArgs = {
    @ResourceArg(name = SagaServicesResource.INSTANCES, value = "2"),
    @ResourceArg(name = "order.saga.sweep-interval", value = "1s"),
    @ResourceArg(name = "order.saga.stale-after", value = "5s")})
class OrderServiceFailoverTests {

  private static void assertConfirmed(String orderId) {
    JsonPath order = OrderCalls.finished(orderId);
    assertThat(order.getString("status")).isEqualTo("CONFIRMED");
    assertThat(order.getList("history.status")).containsExactly("PENDING", "RESERVED", "PAID", "CONFIRMED");
  }

  /**
   * One instance crashes (SIGKILL: it never leaves the group, so its partitions move only once its session times out,
   * nest.server.kafka.session-timeout), the other is stopped politely (it leaves at once): either way orders are taken,
   * a caller's retry with its Idempotency-Key riding out the handover.
   */
  @Test
  void ordersAreTakenWhileEitherInstanceIsDown() {
    ServiceProcess first = SagaServicesResource.orders.get(0);
    ServiceProcess second = SagaServicesResource.orders.get(1);
    assertConfirmed(OrderCalls.place("widget", 1, "card"));
    first.kill();
    assertConfirmed(OrderCalls.place("widget", 1, "card"));
    first.start();
    second.stop();
    try {
      assertConfirmed(OrderCalls.place("widget", 1, "card"));
    } finally {
      second.start();
    }
  }

  @Test
  void aSagaWhoseInstanceDiedIsFinishedByTheOtherWithoutARestart() {
    String orderId;
    ServiceProcess running;
    // inventory away: the order stays PENDING, and no event can move it; only a saga run can
    SagaServicesResource.inventory.stop();
    try {
      String placed = OrderCalls.place("widget", 1, "card");
      orderId = placed;
      // the instance that took the order runs its saga and says when a step fails; it goes away for good
      running = await().atMost(Duration.ofSeconds(15)).until(() -> SagaServicesResource.orders.stream()
          .filter(o -> o.logFor(placed).contains(placed + ": step failed")).findFirst(), java.util.Optional::isPresent).get();
      running.kill();
      assertThat(OrderCalls.status(placed)).isEqualTo("PENDING");
    } finally {
      SagaServicesResource.inventory.start();
    }
    try {
      assertConfirmed(orderId);
      ServiceProcess survivor = SagaServicesResource.orders.stream().filter(o -> o != running).findFirst().orElseThrow();
      assertThat(survivor.logFor(orderId)).contains(orderId + ": stood still");
    } finally {
      running.start();
    }
  }
}
