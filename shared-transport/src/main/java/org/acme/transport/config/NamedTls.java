package org.acme.transport.config;

import io.quarkus.tls.TlsConfiguration;
import io.quarkus.tls.TlsConfigurationRegistry;
import io.vertx.core.http.ClientAuth;
import io.vertx.core.net.NetClientOptions;
import io.vertx.core.net.NetServerOptions;
import jakarta.inject.Singleton;
import java.util.Optional;
import javax.net.ssl.SSLContext;

/**
 * TLS for every transport from one place: Quarkus's TLS registry ({@code quarkus.tls.<name>.trust-store.pem.certs},
 * {@code quarkus.tls.<name>.key-store.pem.0.cert} and {@code .key}, ...), named by each transport's
 * {@code ...tls-configuration-name} key. Certificates are files the operator mounts (reloadable by Quarkus), never
 * values in this repository. A name that the registry does not know stops the start-up with the key to set.
 */
@Singleton
public class NamedTls {

  private final TlsConfigurationRegistry registry;

  NamedTls(TlsConfigurationRegistry registry) {
    this.registry = registry;
  }

  /** The named configuration, if a name is given; {@code who} names the transport in the error. */
  public Optional<TlsConfiguration> find(String who, Optional<String> name) {
    return name.map(n -> registry.get(n).orElseThrow(() -> new IllegalStateException(
        who + ": no TLS configuration named '" + n + "': set quarkus.tls." + n + ".trust-store.* (and key-store.* for a certificate of its own)")));
  }

  /** A client of a Vert.x transport (TCP, MQTT, RabbitMQ) speaks TLS: trusts what the configuration trusts, verifies the host name. */
  public static void client(TlsConfiguration tls, NetClientOptions options) {
    String verification = tls.getHostnameVerificationAlgorithm().orElse("HTTPS"); // NONE turns it off, as in Quarkus
    options.setSsl(true).setTrustAll(tls.isTrustAll())
        .setHostnameVerificationAlgorithm("NONE".equalsIgnoreCase(verification) ? "" : verification);
    if (tls.getTrustStoreOptions() != null) {
      options.setTrustOptions(tls.getTrustStoreOptions());
    }
    if (tls.getKeyStoreOptions() != null) {
      options.setKeyCertOptions(tls.getKeyStoreOptions()); // mutual TLS: this side's certificate
    }
  }

  /** A Vert.x server speaks TLS with the configuration's certificate; with {@code requireClientCertificates}, mutual TLS. */
  public static void server(TlsConfiguration tls, NetServerOptions options, boolean requireClientCertificates) {
    if (tls.getKeyStoreOptions() == null) {
      throw new IllegalStateException("TLS configuration '" + tls.getName() + "' has no key store: a server needs a certificate");
    }
    options.setSsl(true).setKeyCertOptions(tls.getKeyStoreOptions());
    if (tls.getTrustStoreOptions() != null) {
      options.setTrustOptions(tls.getTrustStoreOptions());
    }
    options.setClientAuth(requireClientCertificates ? ClientAuth.REQUIRED : ClientAuth.NONE);
  }

  /** For clients that take a JDK {@link SSLContext} (jnats). */
  public static SSLContext sslContext(TlsConfiguration tls) {
    try {
      return tls.createSSLContext();
    } catch (Exception e) {
      throw new IllegalStateException("TLS configuration '" + tls.getName() + "' cannot make an SSL context: " + e.getMessage(), e);
    }
  }
}
