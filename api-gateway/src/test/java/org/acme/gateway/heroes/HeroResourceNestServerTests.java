package org.acme.gateway.heroes;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** The hero routes with a real NestJS 11 gRPC microservice standing in for heroes-grpc-service. */
@QuarkusTest
@WithTestResource(NestHeroesServer.class)
class HeroResourceNestServerTests extends HeroResourceAgainstNestContract {
}
