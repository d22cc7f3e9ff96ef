package org.acme.__PACKAGE__;

import io.quarkus.test.junit.QuarkusTest;
import org.acme.transport.testing.AsyncApiContract;

/** __SERVICE__'s /q/asyncapi: every pattern it serves, at its transport's address, valid to the AsyncAPI parser. */
@QuarkusTest
class __CLASS__AsyncApiTests implements AsyncApiContract {
}
