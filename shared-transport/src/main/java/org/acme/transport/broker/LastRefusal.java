package org.acme.transport.broker;

import io.quarkus.logging.Log;

/**
 * Why a link's last attempt to reach its broker failed (a refused password, an untrusted certificate): said once at
 * WARN and the same again only at DEBUG, so a broker that refuses us every second does not flood the log, and named
 * in readiness until the link is connected again.
 */
public final class LastRefusal {

  private final String label;
  private final String logPrefix;
  private volatile String reason;

  /** {@code label} starts each log line ("MQTT"), {@code logPrefix} comes before the reason there ("cannot connect: "). */
  public LastRefusal(String label, String logPrefix) {
    this.label = label;
    this.logPrefix = logPrefix;
  }

  public void refused(String address, String why) {
    if (why.equals(reason)) {
      Log.debugf("%s %s: %s%s", label, address, logPrefix, why);
    } else {
      Log.warnf("%s %s: %s%s", label, address, logPrefix, why);
      reason = why;
    }
  }

  public void connected() {
    reason = null;
  }

  /** The link's state, with the reason when there is one: "not connected: CONNECTION_REFUSED_NOT_AUTHORIZED". */
  public String describe(String state) {
    String why = reason;
    return why == null ? state : state + ": " + why;
  }
}
