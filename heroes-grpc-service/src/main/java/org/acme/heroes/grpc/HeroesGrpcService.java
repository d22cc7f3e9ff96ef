package org.acme.heroes.grpc;

import io.grpc.Status;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.grpc.GrpcService;
import io.vertx.core.Vertx;
import org.acme.contracts.hero.Empty;
import org.acme.contracts.hero.Hero;
import org.acme.contracts.hero.HeroById;
import org.acme.contracts.hero.Heroes;
import org.acme.contracts.hero.HeroesServiceGrpc;
import org.acme.heroes.config.HeroesConfig;
import org.acme.heroes.service.HeroService;

/**
 * {@code hero.HeroesService}, generated once in shared-contracts from hero.proto.
 *
 * <p>Errors carry real gRPC status codes with a message (NOT_FOUND, INVALID_ARGUMENT), where a stock NestJS server
 * answers UNKNOWN unless each handler builds the status itself. The work is in memory and never blocks, so the
 * methods run on the event loop (grpc-java's callback style rather than Mutiny: see {@link HeroStream} for why).
 */
@GrpcService
public class HeroesGrpcService extends HeroesServiceGrpc.HeroesServiceImplBase {

  private final HeroService heroes;
  private final HeroesConfig config;
  private final Vertx vertx;
  private final Counter streamed;
  private final Counter cancelled;

  public HeroesGrpcService(HeroService heroes, HeroesConfig config, Vertx vertx, MeterRegistry registry) {
    this.heroes = heroes;
    this.config = config;
    this.vertx = vertx;
    this.streamed = Counter.builder("heroes.stream.sent")
        .description("Heroes written to StreamHeroes calls").register(registry);
    this.cancelled = Counter.builder("heroes.stream.cancelled")
        .description("StreamHeroes calls the client cancelled before the last hero").register(registry);
  }

  @Override
  public void findOne(HeroById request, StreamObserver<Hero> response) {
    int id = request.getId();
    if (id <= 0) {
      response.onError(Status.INVALID_ARGUMENT.withDescription("Hero id must be a positive integer, got " + id).asRuntimeException());
      return;
    }
    heroes.findById(id).ifPresentOrElse(
        hero -> {
          response.onNext(hero.toMessage());
          response.onCompleted();
        },
        () -> response.onError(Status.NOT_FOUND.withDescription("Hero " + id + " not found").asRuntimeException()));
  }

  @Override
  public void findMany(Empty request, StreamObserver<Heroes> response) {
    Heroes.Builder all = Heroes.newBuilder();
    heroes.findAll().forEach(hero -> all.addHeroes(hero.toMessage()));
    response.onNext(all.build());
    response.onCompleted();
  }

  @Override
  public void streamHeroes(Empty request, StreamObserver<Hero> response) {
    new HeroStream((ServerCallStreamObserver<Hero>) response, heroes.findAll(), vertx, config.stream().interval(), streamed, cancelled)
        .start();
  }
}
