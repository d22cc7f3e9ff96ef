package org.acme.heroes.grpc;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.containsString;

import grpc.health.v1.HealthOuterClass.HealthCheckRequest;
import grpc.health.v1.HealthOuterClass.HealthCheckResponse.ServingStatus;
import grpc.health.v1.HealthGrpc;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.reflection.v1.ServerReflectionGrpc;
import io.grpc.reflection.v1.ServerReflectionRequest;
import io.grpc.reflection.v1.ServerReflectionResponse;
import io.grpc.reflection.v1.ServiceResponse;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
import io.grpc.stub.StreamObserver;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.acme.contracts.hero.Empty;
import org.acme.contracts.hero.Hero;
import org.acme.contracts.hero.HeroById;
import org.acme.contracts.hero.HeroesServiceGrpc;
import org.acme.heroes.FreeGrpcPort;
import org.acme.transport.testing.ManagementPort;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** hero.HeroesService over a real gRPC connection to the separate server: every RPC, status code and stream rule. */
@QuarkusTest
@WithTestResource(FreeGrpcPort.class)
class HeroesGrpcServiceTests {

  private static final int HERO_COUNT = 10;

  @ConfigProperty(name = "quarkus.grpc.server.test-port")
  int grpcPort;

  @Inject
  MeterRegistry registry;

  private ManagedChannel channel;
  private HeroesServiceGrpc.HeroesServiceBlockingStub heroes;

  @BeforeEach
  void connect() {
    channel = ManagedChannelBuilder.forAddress("127.0.0.1", grpcPort).usePlaintext().build();
    heroes = HeroesServiceGrpc.newBlockingStub(channel).withDeadlineAfter(5, TimeUnit.SECONDS);
  }

  @AfterEach
  void disconnect() throws InterruptedException {
    channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
  }

  @Test
  void findOneReturnsTheHero() {
    Hero hero = heroes.findOne(HeroById.newBuilder().setId(1).build());
    assertThat(hero.getId()).isEqualTo(1);
    assertThat(hero.getName()).isEqualTo("Captain Loopback");
  }

  @Test
  void findOneOfAnUnknownIdIsNotFoundWithAMessage() {
    assertThatThrownBy(() -> heroes.findOne(HeroById.newBuilder().setId(4242).build()))
        .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
          assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND);
          assertThat(e.getStatus().getDescription()).isEqualTo("Hero 4242 not found");
        });
  }

  @Test
  void findOneOfZeroOrANegativeIdIsAnInvalidArgument() {
    for (int id : new int[] {0, -7}) {
      assertThatThrownBy(() -> heroes.findOne(HeroById.newBuilder().setId(id).build()))
          .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
            assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
            assertThat(e.getStatus().getDescription()).contains(String.valueOf(id));
          });
    }
  }

  @Test
  void findManyReturnsEveryHeroInFileOrder() {
    List<Hero> all = heroes.findMany(Empty.getDefaultInstance()).getHeroesList();
    assertThat(all).extracting(Hero::getId).containsExactly(1, 2, 3, 4, 5, 6, 7, 8, 9, 10);
  }

  @Test
  void streamHeroesSendsEveryHeroInOrderThenCompletes() {
    List<Integer> ids = new ArrayList<>();
    heroes.streamHeroes(Empty.getDefaultInstance()).forEachRemaining(hero -> ids.add(hero.getId()));
    assertThat(ids).containsExactly(1, 2, 3, 4, 5, 6, 7, 8, 9, 10);
  }

  @Test
  void streamHeroesSendsOnlyWhatAClientAsksFor() throws Exception {
    // Manual flow control: the client asks for one hero at a time and still gets them all, in order.
    List<Integer> ids = new CopyOnWriteArrayList<>();
    CompletableFuture<Void> done = new CompletableFuture<>();
    HeroesServiceGrpc.newStub(channel).streamHeroes(Empty.getDefaultInstance(), new ClientResponseObserver<Empty, Hero>() {
      private ClientCallStreamObserver<Empty> call;

      @Override
      public void beforeStart(ClientCallStreamObserver<Empty> requestStream) {
        call = requestStream;
        requestStream.disableAutoRequestWithInitial(1);
      }

      @Override
      public void onNext(Hero hero) {
        ids.add(hero.getId());
        call.request(1);
      }

      @Override
      public void onError(Throwable t) {
        done.completeExceptionally(t);
      }

      @Override
      public void onCompleted() {
        done.complete(null);
      }
    });
    done.get(10, TimeUnit.SECONDS);
    assertThat(ids).containsExactly(1, 2, 3, 4, 5, 6, 7, 8, 9, 10);
  }

  @Test
  void cancellingMidStreamStopsTheServer() throws Exception {
    double sentBefore = counter("heroes.stream.sent");
    double cancelledBefore = counter("heroes.stream.cancelled");
    CountDownLatch twoReceived = new CountDownLatch(2);
    HeroesServiceGrpc.newStub(channel).streamHeroes(Empty.getDefaultInstance(), new ClientResponseObserver<Empty, Hero>() {
      private ClientCallStreamObserver<Empty> call;

      @Override
      public void beforeStart(ClientCallStreamObserver<Empty> requestStream) {
        call = requestStream;
      }

      @Override
      public void onNext(Hero hero) {
        twoReceived.countDown();
        if (twoReceived.getCount() == 0) {
          call.cancel("the client has seen enough", null);
        }
      }

      @Override
      public void onError(Throwable t) {
        // CANCELLED, by us.
      }

      @Override
      public void onCompleted() {
      }
    });
    assertThat(twoReceived.await(5, TimeUnit.SECONDS)).isTrue();

    awaitCounter("heroes.stream.cancelled", cancelledBefore + 1);
    double sentAtCancel = counter("heroes.stream.sent") - sentBefore;
    Thread.sleep(500); // five stream intervals: a server that had not noticed would keep sending
    double sentLater = counter("heroes.stream.sent") - sentBefore;
    assertThat(sentLater).isEqualTo(sentAtCancel).isLessThan(HERO_COUNT);
  }

  @Test
  void grpcHealthServiceSaysServing() {
    var health = HealthGrpc.newBlockingStub(channel).withDeadlineAfter(5, TimeUnit.SECONDS);
    assertThat(health.check(HealthCheckRequest.getDefaultInstance()).getStatus()).isEqualTo(ServingStatus.SERVING);
  }

  @Test
  void reflectionListsHeroesService() throws Exception {
    CompletableFuture<ServerReflectionResponse> answer = new CompletableFuture<>();
    StreamObserver<ServerReflectionRequest> requests = ServerReflectionGrpc.newStub(channel)
        .withDeadlineAfter(5, TimeUnit.SECONDS)
        .serverReflectionInfo(new StreamObserver<>() {
          @Override
          public void onNext(ServerReflectionResponse response) {
            answer.complete(response);
          }

          @Override
          public void onError(Throwable t) {
            answer.completeExceptionally(t);
          }

          @Override
          public void onCompleted() {
          }
        });
    requests.onNext(ServerReflectionRequest.newBuilder().setListServices("").build());
    requests.onCompleted();
    assertThat(answer.get(5, TimeUnit.SECONDS).getListServicesResponse().getServiceList())
        .extracting(ServiceResponse::getName)
        .contains("hero.HeroesService", "grpc.health.v1.Health");
  }

  @Test
  void grpcServerMetricsArePublished() {
    heroes.findMany(Empty.getDefaultInstance());
    ManagementPort.given().get("/q/metrics").then().statusCode(200)
        .body(containsString("grpc_server_processing_duration_seconds"))
        .body(containsString("heroes_stream_sent_total"));
  }

  private double counter(String name) {
    return registry.counter(name).count();
  }

  private void awaitCounter(String name, double atLeast) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (counter(name) < atLeast && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    assertThat(counter(name)).isGreaterThanOrEqualTo(atLeast);
  }
}
