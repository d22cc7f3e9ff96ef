package org.acme.gateway.heroes;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.time.Duration;
import java.util.Map;
import org.acme.transport.Transport;
import org.acme.transport.testing.NestPeers;
import org.acme.transport.testing.NestPeers.Server;
import org.acme.transport.testing.NestPeers.Version;

/**
 * A real NestJS gRPC microservice (grpc-heroes-server.mjs: {@code @GrpcMethod} handlers, Transport.GRPC) in place of
 * heroes-grpc-service, on a free port that the gateway's Stork list points at. Init arg {@code version}: 11 (the
 * default) or 12.
 */
public class NestHeroesServer implements QuarkusTestResourceLifecycleManager {

  /** The server of the test class running now, whose output tells what metadata each call brought. */
  static Server current;
  private Version version = Version.V11;

  @Override
  public void init(Map<String, String> initArgs) {
    version = Version.of(initArgs.getOrDefault("version", "11"));
  }

  @Override
  public Map<String, String> start() {
    int port = HeroesServiceProcess.freePort();
    current = NestPeers.start(version, Duration.ofSeconds(60), "ready", "grpc-heroes-server.mjs", "--url", "127.0.0.1:" + port);
    return Map.of("quarkus.stork.heroes-grpc-service.service-discovery.address-list", "127.0.0.1:" + port);
  }

  @Override
  public void stop() {
    if (current != null) {
      current.close();
      current = null;
    }
  }
}
