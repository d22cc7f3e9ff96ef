package org.acme.transport.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Certificates made at test time with {@code openssl} (nothing committed): a CA, a server certificate it signed for
 * {@code localhost} and {@code 127.0.0.1}, a client certificate for mutual TLS, and a second CA nobody trusts. PEM
 * files (EC P-256, keys in PKCS#8) in {@code target/certs-<n>/}, valid for two days.
 */
public record TestCertificates(Path dir) {

  public static TestCertificates create() {
    return create(java.util.List.of());
  }

  /** As {@link #create()}, with the server certificate also valid for these host names (a service's name, say). */
  public static TestCertificates create(java.util.List<String> serverNames) {
    try {
      Path dir = Files.createDirectories(Path.of("target").toAbsolutePath().resolve("certs-" + System.nanoTime()));
      TestCertificates certs = new TestCertificates(dir);
      certs.authority("ca");
      certs.authority("rogue-ca");
      StringBuilder names = new StringBuilder("DNS:localhost");
      serverNames.forEach(name -> names.append(",DNS:").append(name));
      Files.writeString(dir.resolve("san.ext"), "subjectAltName=" + names + ",IP:127.0.0.1\n");
      certs.signed("server", "localhost", "ca", true);
      certs.signed("client", "nest-test-client", "ca", false);
      certs.signed("rogue-server", "localhost", "rogue-ca", true);
      return certs;
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  public Path ca() {
    return dir.resolve("ca.pem");
  }

  /** A CA that signed {@link #rogueServerCert()} and that no test configuration trusts. */
  public Path rogueCa() {
    return dir.resolve("rogue-ca.pem");
  }

  public Path serverCert() {
    return dir.resolve("server.pem");
  }

  public Path serverKey() {
    return dir.resolve("server.key");
  }

  public Path clientCert() {
    return dir.resolve("client.pem");
  }

  public Path clientKey() {
    return dir.resolve("client.key");
  }

  public Path rogueServerCert() {
    return dir.resolve("rogue-server.pem");
  }

  public Path rogueServerKey() {
    return dir.resolve("rogue-server.key");
  }

  private void authority(String name) {
    openssl("req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-days", "2",
        "-subj", "/CN=nest-test-" + name, "-keyout", name + ".key", "-out", name + ".pem");
  }

  private void signed(String name, String commonName, String authority, boolean server) {
    openssl("req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-subj", "/CN=" + commonName,
        "-keyout", name + ".key", "-out", name + ".csr");
    List<String> sign = new ArrayList<>(List.of("x509", "-req", "-in", name + ".csr", "-CA", authority + ".pem",
        "-CAkey", authority + ".key", "-CAcreateserial", "-days", "2", "-out", name + ".pem"));
    if (server) {
      sign.addAll(List.of("-extfile", "san.ext"));
    }
    openssl(sign.toArray(String[]::new));
  }

  private void openssl(String... args) {
    List<String> command = new ArrayList<>(List.of("openssl"));
    command.addAll(List.of(args));
    try {
      Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("openssl.log").toFile())).start();
      if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
        throw new IllegalStateException("openssl " + String.join(" ", args) + " failed; see " + dir.resolve("openssl.log"));
      }
    } catch (IOException e) {
      throw new IllegalStateException("openssl is needed to make test certificates", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
