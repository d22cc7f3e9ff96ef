package org.acme.payment;

import static org.acme.transport.testing.ManagementPort.given;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The service's own Prometheus counters, read as an operator would, from {@code /q/metrics}. */
final class PaymentMetrics {

  // a counter's line may end in an exemplar (" # {trace_id=...} 1.0 ..."): with OpenTelemetry on, Micrometer adds the
  // span a counter was incremented in
  private static final Pattern CHARGES = Pattern.compile("(?m)^payment_charges_total\\{[^}]*} (\\S+)(?: #.*)?$");

  private PaymentMetrics() {
  }

  /** Charges recorded so far, whatever their outcome. */
  static double charges() {
    Matcher lines = CHARGES.matcher(given().get("/q/metrics").then().statusCode(200).extract().asString());
    double total = 0;
    while (lines.find()) {
      total += Double.parseDouble(lines.group(1));
    }
    return total;
  }
}
