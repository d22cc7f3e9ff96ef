package org.acme.transport.tcp;

import io.vertx.mutiny.core.Vertx;
import jakarta.inject.Singleton;
import org.acme.transport.client.NestClient;
import org.acme.transport.client.NestClientFactory;
import org.acme.transport.config.ClientsConfig;
import org.acme.transport.config.ServerConfig;

/** Makes {@code transport=tcp} clients. */
@Singleton
public class TcpClientFactory implements NestClientFactory {

  private final Vertx vertx;
  private final ServerConfig server;

  TcpClientFactory(Vertx vertx, ServerConfig server) {
    this.vertx = vertx;
    this.server = server;
  }

  @Override
  public String transport() {
    return "tcp";
  }

  @Override
  public NestClient create(String name, ClientsConfig.Client config) {
    return new TcpClient(vertx, config, server.tcp().maxFrameLength());
  }
}
