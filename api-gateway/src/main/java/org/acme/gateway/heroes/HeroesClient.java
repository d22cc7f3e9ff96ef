package org.acme.gateway.heroes;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.quarkus.grpc.GrpcClient;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.acme.contracts.hero.Empty;
import org.acme.contracts.hero.HeroById;
import org.acme.contracts.hero.MutinyHeroesServiceGrpc.MutinyHeroesServiceStub;
import org.acme.gateway.rest.CallerMetadata;
import org.acme.transport.grpc.GrpcMetadata;

/**
 * hero.HeroesService as the gateway sees it: every call carries a deadline, failures surface as gRPC
 * {@code StatusRuntimeException}s (mapped to HTTP by {@code GrpcProblemMapper}).
 *
 * <p>The channel is named {@code heroes}; its address comes from Stork ({@code quarkus.grpc.clients.heroes.*}).
 * A deadline is absolute, so it is set on a fresh stub for each call, never once on the injected one. The Vert.x
 * gRPC client only sends the deadline to the server (as {@code grpc-timeout}); it does not time the call out
 * itself, so the gateway also gives up locally when no answer (or, on the stream, no next hero) arrives in time:
 * a hung service then costs exactly the deadline, and cancelling the subscription cancels the gRPC call.
 */
@ApplicationScoped
public class HeroesClient {

  private final MutinyHeroesServiceStub stub;
  private final HeroesConfig config;

  public HeroesClient(@GrpcClient("heroes") MutinyHeroesServiceStub stub, HeroesConfig config) {
    this.stub = stub;
    this.config = config;
  }

  public Uni<Hero> findOne(int id) {
    return within(config.deadline()).findOne(HeroById.newBuilder().setId(id).build())
        .ifNoItem().after(config.deadline()).failWith(() -> deadlineExceeded("FindOne", config.deadline()))
        .map(Hero::from);
  }

  public Uni<List<Hero>> findMany() {
    return within(config.deadline()).findMany(Empty.getDefaultInstance())
        .ifNoItem().after(config.deadline()).failWith(() -> deadlineExceeded("FindMany", config.deadline()))
        .map(heroes -> heroes.getHeroesList().stream().map(Hero::from).toList());
  }

  /**
   * The stream, hero by hero: the whole call carries {@code stream-deadline}, and each hero must follow the previous
   * one within {@code deadline}. Cancelling the subscription cancels the gRPC call.
   */
  public Multi<Hero> stream() {
    return within(config.streamDeadline()).streamHeroes(Empty.getDefaultInstance())
        .ifNoItem().after(config.deadline()).failWith(() -> deadlineExceeded("StreamHeroes", config.deadline()))
        .map(Hero::from);
  }

  private static StatusRuntimeException deadlineExceeded(String rpc, Duration deadline) {
    return Status.DEADLINE_EXCEEDED.withDescription("heroes-grpc-service did not answer " + rpc + " within " + deadline.toMillis() + " ms")
        .asRuntimeException();
  }

  /** A stub for one call: its deadline, and the HTTP request's metadata as the call's gRPC metadata. */
  private MutinyHeroesServiceStub within(Duration deadline) {
    return GrpcMetadata.attach(stub.withDeadlineAfter(deadline.toMillis(), TimeUnit.MILLISECONDS), CallerMetadata.current());
  }
}
