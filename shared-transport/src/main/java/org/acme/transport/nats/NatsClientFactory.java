package org.acme.transport.nats;

import jakarta.inject.Singleton;
import org.acme.transport.Transport;
import org.acme.transport.client.NestClient;
import org.acme.transport.client.NestClientFactory;
import org.acme.transport.config.ClientsConfig;

/** Makes {@code transport=nats} clients; they share the service's one NATS connection. */
@Singleton
public class NatsClientFactory implements NestClientFactory {

  private final NatsLink link;

  NatsClientFactory(NatsLink link) {
    this.link = link;
  }

  @Override
  public Transport transport() {
    return Transport.NATS;
  }

  @Override
  public NestClient create(String name, ClientsConfig.Client config) {
    return new NatsClient(link, config);
  }
}
