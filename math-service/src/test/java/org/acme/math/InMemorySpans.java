package org.acme.math;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.acme.transport.testing.RecentSpans;

/** The tests' span exporter: Quarkus exports every finished span to each exporter bean, so the tests can read them. */
class InMemorySpans {

  @Produces
  @Singleton
  static RecentSpans exporter() {
    return new RecentSpans();
  }
}
