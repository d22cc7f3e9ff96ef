package org.acme.transport.rmq;

import jakarta.inject.Singleton;
import org.acme.transport.Transport;
import org.acme.transport.client.NestClient;
import org.acme.transport.client.NestClientFactory;
import org.acme.transport.config.ClientsConfig;

/** Makes {@code transport=rmq} clients; they share the link's channel and its one reply consumer. */
@Singleton
public class RmqClientFactory implements NestClientFactory {

  private final RmqLink link;
  private final RmqReplies replies;
  private final RmqConfirms confirms;

  RmqClientFactory(RmqLink link, RmqReplies replies, RmqConfirms confirms) {
    this.link = link;
    this.replies = replies;
    this.confirms = confirms;
  }

  @Override
  public Transport transport() {
    return Transport.RMQ;
  }

  @Override
  public NestClient create(String name, ClientsConfig.Client config) {
    return new RmqClient(link, replies, confirms, name, config);
  }
}
