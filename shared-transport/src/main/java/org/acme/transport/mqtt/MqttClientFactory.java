package org.acme.transport.mqtt;

import jakarta.inject.Singleton;
import org.acme.transport.Transport;
import org.acme.transport.client.NestClient;
import org.acme.transport.client.NestClientFactory;
import org.acme.transport.config.ClientsConfig;

/** Makes {@code transport=mqtt} clients; they share the service's MQTT connection and reply subscriptions. */
@Singleton
public class MqttClientFactory implements NestClientFactory {

  private final MqttLink link;
  private final MqttReplies replies;

  MqttClientFactory(MqttLink link, MqttReplies replies) {
    this.link = link;
    this.replies = replies;
  }

  @Override
  public Transport transport() {
    return Transport.MQTT;
  }

  @Override
  public NestClient create(String name, ClientsConfig.Client config) {
    return new MqttClient(link, replies, config);
  }
}
