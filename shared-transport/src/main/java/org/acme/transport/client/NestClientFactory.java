package org.acme.transport.client;

import org.acme.transport.Transport;
import org.acme.transport.config.ClientsConfig;

/** Makes clients of one transport; each transport contributes one as a CDI bean. */
public interface NestClientFactory {

  /** The transport this factory serves, as named in {@code nest.client.<name>.transport}. */
  Transport transport();

  NestClient create(String name, ClientsConfig.Client config);
}
