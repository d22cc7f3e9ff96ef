package org.acme.math;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.acme.contracts.math.MathPatterns;
import org.acme.transport.client.DeadlineExceededException;
import org.acme.transport.client.NestClients;
import org.acme.transport.testing.FreePorts;
import org.acme.transport.testing.NestPeers;
import org.acme.transport.testing.NestPeers.Call;
import org.acme.transport.testing.NestPeers.Version;
import org.acme.transport.testing.TestCertificates;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

/**
 * math-service's TCP server over TLS with client certificates required (mutual TLS), certificates made now: our
 * client and a real Nest client (its {@code tlsOptions}) get their answers; a client without a certificate, a client
 * that does not trust the server, and a plain TCP peer get nothing.
 */
@QuarkusTest
@TestProfile(MathTcpTlsTests.MutualTls.class)
class MathTcpTlsTests {

  static final TestCertificates CERTS = TestCertificates.create();
  static final int PORT = FreePorts.free();
  private static final Duration CALL = Duration.ofSeconds(5);

  public static class MutualTls implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.ofEntries(
          Map.entry("nest.server.tcp.port", String.valueOf(PORT)),
          Map.entry("nest.server.tcp.tls-configuration-name", "tcp-server"),
          Map.entry("nest.server.tcp.client-certificate-required", "true"),
          Map.entry("quarkus.tls.tcp-server.key-store.pem.0.cert", CERTS.serverCert().toString()),
          Map.entry("quarkus.tls.tcp-server.key-store.pem.0.key", CERTS.serverKey().toString()),
          Map.entry("quarkus.tls.tcp-server.trust-store.pem.certs", CERTS.ca().toString()),
          // our client: trusts the CA, shows its own certificate
          Map.entry("nest.client.math-tcp.port", String.valueOf(PORT)),
          Map.entry("nest.client.math-tcp.tls-configuration-name", "tcp-client"),
          Map.entry("quarkus.tls.tcp-client.trust-store.pem.certs", CERTS.ca().toString()),
          Map.entry("quarkus.tls.tcp-client.key-store.pem.0.cert", CERTS.clientCert().toString()),
          Map.entry("quarkus.tls.tcp-client.key-store.pem.0.key", CERTS.clientKey().toString()),
          // a client that trusts the server but has no certificate of its own
          Map.entry("nest.client.math-tcp-anonymous.transport", "tcp"),
          Map.entry("nest.client.math-tcp-anonymous.port", String.valueOf(PORT)),
          Map.entry("nest.client.math-tcp-anonymous.timeout", "2s"),
          Map.entry("nest.client.math-tcp-anonymous.tls-configuration-name", "tcp-anonymous"),
          Map.entry("quarkus.tls.tcp-anonymous.trust-store.pem.certs", CERTS.ca().toString()),
          // a client that trusts another CA only
          Map.entry("nest.client.math-tcp-wary.transport", "tcp"),
          Map.entry("nest.client.math-tcp-wary.port", String.valueOf(PORT)),
          Map.entry("nest.client.math-tcp-wary.timeout", "2s"),
          Map.entry("nest.client.math-tcp-wary.tls-configuration-name", "tcp-wary"),
          Map.entry("quarkus.tls.tcp-wary.trust-store.pem.certs", CERTS.rogueCa().toString()),
          Map.entry("quarkus.tls.tcp-wary.key-store.pem.0.cert", CERTS.clientCert().toString()),
          Map.entry("quarkus.tls.tcp-wary.key-store.pem.0.key", CERTS.clientKey().toString()));
    }
  }

  private final NestClients clients;

  MathTcpTlsTests(NestClients clients) {
    this.clients = clients;
  }

  private Integer sum(String client) {
    return clients.get(client).send(MathPatterns.SUM, List.of(1, 2, 3), Integer.class).await().atMost(CALL);
  }

  @Test
  void ourClientWithItsCertificateIsAnswered() {
    assertThat(sum("math-tcp")).isEqualTo(6);
  }

  @Test
  void aClientWithoutACertificateOrThatDistrustsTheServerIsRefusedNotLeftWaiting() {
    for (String client : List.of("math-tcp-anonymous", "math-tcp-wary")) {
      long started = System.nanoTime();
      Throwable refused = catchThrowable(() -> sum(client));
      assertThat(refused).as(client).isNotNull().isNotInstanceOf(DeadlineExceededException.class);
      // the clients' timeout is 2 s: an answer to "no" within 1.5 s is a refusal, not a wait that ran out
      assertThat(Duration.ofNanos(System.nanoTime() - started)).as(client + ": refused, not timed out").isLessThan(Duration.ofMillis(1500));
    }
  }

  @Test
  void aPlainTcpPeerIsNotAnswered() throws IOException {
    try (Socket plain = new Socket("127.0.0.1", PORT)) {
      plain.setSoTimeout(5_000);
      OutputStream out = plain.getOutputStream();
      String frame = "{\"pattern\":{\"cmd\":\"sum\"},\"data\":[1,2,3],\"id\":\"plain\"}";
      out.write((frame.length() + "#" + frame).getBytes(StandardCharsets.UTF_8));
      out.flush();
      InputStream in = plain.getInputStream();
      byte[] answer = in.readNBytes(64);
      assertThat(new String(answer, StandardCharsets.UTF_8)).doesNotContain("\"response\"");
    }
  }

  @ParameterizedTest
  @EnumSource(Version.class)
  void aNestClientWithTlsOptionsIsAnswered(Version version) throws IOException {
    Map<String, Object> tlsOptions = Map.of("ca", List.of(pem(CERTS.ca())), "cert", pem(CERTS.clientCert()), "key", pem(CERTS.clientKey()));
    List<JsonNode> results = NestPeers.client(version, "TCP", Map.of("host", "127.0.0.1", "port", PORT, "tlsOptions", tlsOptions),
        Map.of(), List.of(Call.send(Map.of("cmd", "sum"), List.of(1, 2, 3))), false, Duration.ofSeconds(5));
    assertThat(results.get(0).path("ok").asBoolean()).as(results.get(0).toString()).isTrue();
    assertThat(results.get(0).path("values").get(0).asInt()).isEqualTo(6);
  }

  private static String pem(Path file) throws IOException {
    return Files.readString(file);
  }
}
