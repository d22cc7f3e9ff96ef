package org.acme.transport.tcp;

import io.vertx.mutiny.core.Vertx;
import io.vertx.core.net.NetClientOptions;
import jakarta.inject.Singleton;
import org.acme.transport.Transport;
import org.acme.transport.client.NestClient;
import org.acme.transport.client.NestClientFactory;
import org.acme.transport.config.ClientsConfig;
import org.acme.transport.config.NamedTls;

/** Makes {@code transport=tcp} clients. */
@Singleton
public class TcpClientFactory implements NestClientFactory {

  private final Vertx vertx;
  private final TcpServerConfig server;
  private final NamedTls tls;

  TcpClientFactory(Vertx vertx, TcpServerConfig server, NamedTls tls) {
    this.vertx = vertx;
    this.server = server;
    this.tls = tls;
  }

  @Override
  public Transport transport() {
    return Transport.TCP;
  }

  @Override
  public NestClient create(String name, ClientsConfig.Client config) {
    NetClientOptions options = new NetClientOptions().setTcpNoDelay(true).setConnectTimeout((int) Math.min(config.timeout().toMillis(), 5000));
    tls.find("nest.client." + name, config.tlsConfigurationName()).ifPresent(named -> NamedTls.client(named, options));
    return new TcpClient(vertx, config, options, server.maxFrameLength());
  }
}
