package org.acme.transport.testing;

import static org.acme.transport.testing.ManagementPort.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.is;

import io.restassured.RestAssured;
import io.restassured.response.Response;
import java.time.Duration;

/** Health and metrics assertions every service's smoke test shares (this module's test-jar), on the management port. */
public final class ServiceProbes {

  private static final Duration READY_WITHIN = Duration.ofSeconds(30);

  private ServiceProbes() {
  }

  /** Readiness turns UP (links connect in the background) and lists a check for each named broker. */
  public static void assertReady(String... brokers) {
    long deadline = System.nanoTime() + READY_WITHIN.toNanos();
    Response ready = given().get("/q/health/ready");
    while (ready.statusCode() != 200 && System.nanoTime() < deadline) {
      sleep(250);
      ready = given().get("/q/health/ready");
    }
    ready.then().statusCode(200).body("status", is("UP"));
    if (brokers.length > 0) {
      ready.then().body("checks.name", hasItems(brokers));
    }
  }

  /** Liveness is UP and the Prometheus endpoint serves JVM and HTTP metrics. */
  public static void assertLiveAndMetered() {
    given().get("/q/health/live").then().statusCode(200).body("status", is("UP"));
    given().get("/q/metrics").then().statusCode(200).body(containsString("jvm_memory_used_bytes"));
  }

  /**
   * Each management path answers on the management port only: 200 there, 404 on the public port, which docker
   * compose and k8s publish. (Swagger UI's redirect to its page is followed.)
   */
  public static void assertOnlyOnManagementPort(String... paths) {
    for (String path : paths) {
      RestAssured.given().get(path).then().statusCode(404);
      given().get(path).then().statusCode(200);
    }
  }

  /** The heap in use after a full collection, in bytes: what a Quarkus test's service (in this JVM) still holds. */
  public static long heapAfterGc() {
    for (int i = 0; i < 3; i++) {
      System.gc();
      sleep(100);
    }
    return java.lang.management.ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
