package org.acme.math;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.util.Map;
import java.util.Set;
import org.acme.transport.client.NestClients;
import org.acme.transport.testing.NestPeers.Version;

/** The Java redis client calls a real NestJS math microservice. */
@QuarkusTest
@TestProfile(NestServerProfile.class)
class MathRedisAgainstNestTests extends AgainstNestContract {

  MathRedisAgainstNestTests(NestClients clients) {
    super(clients);
  }

  @Override
  protected String transport() {
    return "redis";
  }

  /** Nest 12 reads the packet's metadata on Redis (getMetadata()); Nest 11 leaves it unread, and answers all the same. */
  @Override
  protected Set<String> nestSeesMetadataIn(Version version) {
    return version == Version.V12 ? Set.of("metadata") : Set.of();
  }

  @Override
  protected Map<String, Object> nestOptions() {
    return Map.of("host", "127.0.0.1", "port", 6379);
  }
}
