package org.acme.heroes.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.grpc.ChannelCredentials;
import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.TlsChannelCredentials;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.acme.contracts.hero.Empty;
import org.acme.contracts.hero.HeroesServiceGrpc;
import org.acme.heroes.FreeGrpcPort;
import org.acme.transport.testing.TestCertificates;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * The gRPC server over TLS only ({@code quarkus.grpc.server.ssl.*}, {@code plain-text=false}), with a certificate made
 * now: a client that trusts its CA gets the heroes; a plaintext client and one that trusts another CA get UNAVAILABLE.
 */
@QuarkusTest
@WithTestResource(FreeGrpcPort.class)
@TestProfile(HeroesGrpcTlsTests.TlsOnly.class)
class HeroesGrpcTlsTests {

  static final TestCertificates CERTS = TestCertificates.create();

  public static class TlsOnly implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of("quarkus.grpc.server.plain-text", "false",
          "quarkus.grpc.server.ssl.certificate", CERTS.serverCert().toString(),
          "quarkus.grpc.server.ssl.key", CERTS.serverKey().toString());
    }
  }

  @ConfigProperty(name = "quarkus.grpc.server.test-port")
  int grpcPort;

  private int heroes(ChannelCredentials credentials) {
    ManagedChannel channel = Grpc.newChannelBuilderForAddress("localhost", grpcPort, credentials).build();
    try {
      return HeroesServiceGrpc.newBlockingStub(channel).withDeadlineAfter(5, TimeUnit.SECONDS)
          .findMany(Empty.getDefaultInstance()).getHeroesCount();
    } finally {
      channel.shutdownNow();
    }
  }

  @Test
  void aClientThatTrustsTheCaGetsTheHeroes() throws IOException {
    assertThat(heroes(TlsChannelCredentials.newBuilder().trustManager(CERTS.ca().toFile()).build())).isPositive();
  }

  @Test
  void aPlaintextClientOrOneThatTrustsAnotherCaGetsNothing() throws IOException {
    for (ChannelCredentials refused : java.util.List.of(InsecureChannelCredentials.create(),
        TlsChannelCredentials.newBuilder().trustManager(CERTS.rogueCa().toFile()).build())) {
      StatusRuntimeException e = catchThrowableOfType(StatusRuntimeException.class, () -> heroes(refused));
      assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE);
    }
  }
}
