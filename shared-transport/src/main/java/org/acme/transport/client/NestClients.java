package org.acme.transport.client;

import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Singleton;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.acme.transport.Transport;
import org.acme.transport.codec.WireFormat;
import org.acme.transport.config.ClientsConfig;
import org.acme.transport.tracing.MessageTracing;
import org.acme.transport.tracing.TracedClient;

/**
 * Named clients from configuration, as Nest's {@code ClientsModule.register}: {@code nest.client.math-tcp.transport=tcp}
 * plus that transport's keys gives {@code clients.get("math-tcp")}. Each client is made once and shared, and traced
 * ({@link TracedClient}): every transport's calls get their spans and carry their trace context in one place.
 */
@Singleton
public class NestClients {

  private final ClientsConfig config;
  private final Instance<NestClientFactory> factories;
  private final MessageTracing tracing;
  private final Map<String, NestClient> clients = new ConcurrentHashMap<>();

  NestClients(ClientsConfig config, @Any Instance<NestClientFactory> factories, MessageTracing tracing) {
    this.config = config;
    this.factories = factories;
    this.tracing = tracing;
  }

  public NestClient get(String name) {
    return clients.computeIfAbsent(name, this::create);
  }

  private NestClient create(String name) {
    ClientsConfig.Client client = config.clients().get(name);
    if (client == null) {
      throw new IllegalArgumentException("no client named '" + name + "': set nest.client." + name + ".transport");
    }
    if (client.format() != WireFormat.NEST && !Transport.RMQ.tag().equals(client.transport())) {
      // a setting that would do nothing is refused rather than ignored
      throw new IllegalArgumentException("client '" + name + "': format " + client.format().name().toLowerCase()
          + " is for RabbitMQ clients only (nest.client." + name + ".format)");
    }
    for (NestClientFactory factory : factories) {
      if (factory.transport().tag().equals(client.transport())) {
        return new TracedClient(factory.create(name, client), tracing);
      }
    }
    throw new IllegalArgumentException("client '" + name + "': unknown transport '" + client.transport() + "'");
  }
}
