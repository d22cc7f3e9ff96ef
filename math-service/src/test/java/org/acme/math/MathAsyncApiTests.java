package org.acme.math;

import io.quarkus.test.junit.QuarkusTest;
import org.acme.transport.testing.AsyncApiContract;

/** math-service's /q/asyncapi: its eleven handlers on all six transports, valid to the AsyncAPI parser. */
@QuarkusTest
class MathAsyncApiTests implements AsyncApiContract {
}
