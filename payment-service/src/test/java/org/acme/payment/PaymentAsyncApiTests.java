package org.acme.payment;

import io.quarkus.test.junit.QuarkusTest;
import org.acme.transport.testing.AsyncApiContract;

/** payment-service's /q/asyncapi: its RabbitMQ patterns on the payments queue, valid to the AsyncAPI parser. */
@QuarkusTest
class PaymentAsyncApiTests implements AsyncApiContract {
}
