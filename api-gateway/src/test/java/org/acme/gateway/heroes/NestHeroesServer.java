package org.acme.gateway.heroes;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.time.Duration;
import java.util.Map;
import org.acme.transport.testing.NestPeers;
import org.acme.transport.testing.NestPeers.Server;

/**
 * A real NestJS gRPC microservice (grpc-heroes-server.js: {@code @GrpcMethod} handlers, Transport.GRPC) in place of
 * heroes-grpc-service, on a free port that the gateway's Stork list points at.
 */
public class NestHeroesServer implements QuarkusTestResourceLifecycleManager {

  private Server server;

  @Override
  public Map<String, String> start() {
    int port = HeroesServiceProcess.freePort();
    server = NestPeers.start(Duration.ofSeconds(60), "ready", "grpc-heroes-server.js", "--url", "127.0.0.1:" + port);
    return Map.of("quarkus.stork.heroes-grpc-service.service-discovery.address-list", "127.0.0.1:" + port);
  }

  @Override
  public void stop() {
    if (server != null) {
      server.close();
    }
  }
}
