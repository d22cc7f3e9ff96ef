package org.acme.transport.client;

import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Singleton;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.acme.transport.config.ClientsConfig;

/**
 * Named clients from configuration, as Nest's {@code ClientsModule.register}: {@code nest.client.math-tcp.transport=tcp}
 * plus that transport's keys gives {@code clients.get("math-tcp")}. Each client is made once and shared.
 */
@Singleton
public class NestClients {

  private final ClientsConfig config;
  private final Instance<NestClientFactory> factories;
  private final Map<String, NestClient> clients = new ConcurrentHashMap<>();

  NestClients(ClientsConfig config, @Any Instance<NestClientFactory> factories) {
    this.config = config;
    this.factories = factories;
  }

  public NestClient get(String name) {
    return clients.computeIfAbsent(name, this::create);
  }

  private NestClient create(String name) {
    ClientsConfig.Client client = config.clients().get(name);
    if (client == null) {
      throw new IllegalArgumentException("no client named '" + name + "': set nest.client." + name + ".transport");
    }
    for (NestClientFactory factory : factories) {
      if (factory.transport().equals(client.transport())) {
        return factory.create(name, client);
      }
    }
    throw new IllegalArgumentException("client '" + name + "': unknown transport '" + client.transport() + "'");
  }
}
