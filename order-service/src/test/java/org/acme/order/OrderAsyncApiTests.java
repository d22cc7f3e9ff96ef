package org.acme.order;

import io.quarkus.test.junit.QuarkusTest;
import org.acme.transport.testing.AsyncApiContract;

/** order-service's /q/asyncapi: its Kafka requests and payment events, valid to the AsyncAPI parser. */
@QuarkusTest
class OrderAsyncApiTests implements AsyncApiContract {
}
