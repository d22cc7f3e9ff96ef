package org.acme.gateway.heroes;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** The same routes with a real NestJS 12 gRPC microservice standing in for heroes-grpc-service. */
@QuarkusTest
@WithTestResource(value = NestHeroesServer.class, initArgs = @ResourceArg(name = "version", value = "12"))
class HeroResourceNest12ServerTests extends HeroResourceAgainstNestContract {
}
