package org.acme.math;

import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** The tests' span exporter: Quarkus exports every finished span to each exporter bean, so the tests can read them. */
class InMemorySpans {

  @Produces
  @Singleton
  static InMemorySpanExporter exporter() {
    return InMemorySpanExporter.create();
  }
}
